-- A rollback may name the version it is about: it then only happens while that version is still live.
alter table rollback add column only_if_live bigint;
