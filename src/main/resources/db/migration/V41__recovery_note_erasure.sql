-- Recovery (its own table): a note emptied by an erasure or by retention keeps its author and time; its text is then
-- empty and erased_at says when.
alter table recovery_note add column erased_at timestamptz;
alter table recovery_note drop constraint recovery_note_text_check,
    add constraint recovery_note_text_check check (length(btrim(text)) > 0 or erased_at is not null);

-- Retention reads entries and notes by age.
create index recovery_note_written_idx on recovery_note (written_at) where erased_at is null;
