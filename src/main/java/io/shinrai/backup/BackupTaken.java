package io.shinrai.backup;

/** A backup was written and checksummed. */
public record BackupTaken(Backup backup, String actor) {
}
