-- Spring Modulith's event publication registry (spring-modulith-events-jdbc 2.1, schema v2 for PostgreSQL): the
-- transactional outbox of the events that @ApplicationModuleListener methods receive after the commit
create table event_publication (
	id uuid not null primary key,
	listener_id text not null,
	event_type text not null,
	serialized_event text not null,
	publication_date timestamp with time zone not null,
	completion_date timestamp with time zone,
	status text,
	completion_attempts int,
	last_resubmission_date timestamp with time zone
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);

-- account: an optional address for notification mails
alter table app_user add column email varchar(254);

-- scoring: each customer's status as last announced (no row: OK), so that only real changes are published
create table customer_status_state (
	customer_id bigint primary key references customer (id),
	status varchar(10) not null,
	changed_at timestamp with time zone not null
);

-- scoring: trust drops announced and not yet over (the scope's 7-day drop fell under the threshold again)
create table trust_drop_alert (
	scope_key varchar(300) primary key,
	alerted_at timestamp with time zone not null,
	trust_before double precision not null,
	trust_after double precision not null
);

-- notification: every event handled once (its key), kept for the digest
create table notification_event (
	event_key varchar(200) primary key,
	type varchar(40) not null,
	occurred_at timestamp with time zone not null,
	import_id bigint,
	item_count int not null,
	payload text not null
);
create index notification_event_by_type on notification_event (type, occurred_at);
create index notification_event_by_import on notification_event (import_id) where import_id is not null;

-- notification: what each CSV import brought, counted in the transactions of its batches, for its summary mail
create table import_tally (
	import_id bigint not null,
	type varchar(40) not null,
	item_count bigint not null,
	primary key (import_id, type)
);

-- notification: the in-app notifications; one row per user and group (an import's new cases share one row)
create table notification (
	id bigserial primary key,
	username varchar(100) not null,
	type varchar(40) not null,
	group_key varchar(200) not null,
	args text[] not null,
	link varchar(500) not null,
	item_count int not null default 1,
	created_at timestamp with time zone not null,
	read_at timestamp with time zone,
	unique (username, group_key)
);
create index notification_unread on notification (username) where read_at is null;
create index notification_by_user on notification (username, created_at desc, id desc);

-- notification: what a user chose per event type (no row: the defaults of their role)
create table notification_preference (
	username varchar(100) not null,
	event_type varchar(40) not null,
	in_app boolean not null,
	email boolean not null,
	primary key (username, event_type)
);

-- notification: mails to send, written in the transaction that decided to send them, sent and retried by a poller
create table mail_outbox (
	id bigserial primary key,
	dedup_key varchar(300) unique,
	recipient varchar(254) not null,
	subject text not null,
	text_body text not null,
	html_body text,
	created_at timestamp with time zone not null,
	attempts int not null default 0,
	next_attempt_at timestamp with time zone not null,
	sent_at timestamp with time zone,
	failed_at timestamp with time zone,
	last_error text
);
create index mail_outbox_due on mail_outbox (next_attempt_at) where sent_at is null and failed_at is null;

-- notification: one digest per user and local day, claimed by the instance that sends it
create table digest_run (
	username varchar(100) not null,
	digest_date date not null,
	claimed_at timestamp with time zone not null,
	mailed boolean not null,
	primary key (username, digest_date)
);

-- notification: webhook endpoints, their deliveries (the outbox for HTTP) and every attempt
create table webhook_endpoint (
	id bigserial primary key,
	url varchar(2000) not null,
	events text[] not null,
	secret varchar(200) not null,
	format varchar(10) not null,
	enabled boolean not null default true,
	disabled_at timestamp with time zone,
	created_at timestamp with time zone not null,
	created_by varchar(100) not null
);

create table webhook_delivery (
	id varchar(60) primary key,
	endpoint_id bigint not null references webhook_endpoint (id) on delete cascade,
	event_key varchar(200) not null,
	event_type varchar(40) not null,
	body text not null,
	created_at timestamp with time zone not null,
	status varchar(12) not null,
	attempts int not null default 0,
	next_attempt_at timestamp with time zone not null,
	last_attempt_at timestamp with time zone,
	unique (endpoint_id, event_key)
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_by_endpoint on webhook_delivery (endpoint_id, created_at desc);

create table webhook_attempt (
	id bigserial primary key,
	delivery_id varchar(60) not null references webhook_delivery (id) on delete cascade,
	attempted_at timestamp with time zone not null,
	status_code int,
	duration_ms int not null,
	response_excerpt text,
	error text
);
create index webhook_attempt_by_delivery on webhook_attempt (delivery_id, attempted_at desc);
