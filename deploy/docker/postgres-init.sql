-- The services share one database; each owns its own schema (created by its Flyway migrations).
create database slipway;
