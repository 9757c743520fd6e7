-- Rates entered by hand (origin 'manual') or fetched by the job (origin 'fetched').
-- Bundled rates live in the package's rates/ CSV files and are never copied here.
-- Rows are never updated in place except to confirm a pending Real Living Wage rate;
-- a newer row with the same key supersedes an older one, so the history stays.

CREATE TABLE statutory_rate (
    id INTEGER PRIMARY KEY,
    band TEXT NOT NULL,
    age_min INTEGER,
    age_max INTEGER,
    rate_pence INTEGER NOT NULL CHECK (rate_pence > 0),
    effective_from TEXT NOT NULL,
    source_url TEXT NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('manual', 'fetched')),
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    content_hash TEXT,
    note TEXT NOT NULL DEFAULT ''
);

CREATE TABLE living_wage_rate (
    id INTEGER PRIMARY KEY,
    zone TEXT NOT NULL CHECK (zone IN ('uk', 'london')),
    rates_of INTEGER NOT NULL,
    rate_pence INTEGER NOT NULL CHECK (rate_pence > 0),
    announced_on TEXT,
    implement_by TEXT,
    source_url TEXT NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('manual', 'fetched')),
    status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed')),
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    confirmed_at TEXT,
    confirmed_by TEXT,
    content_hash TEXT,
    note TEXT NOT NULL DEFAULT ''
);

CREATE INDEX statutory_rate_key ON statutory_rate (band, effective_from);
CREATE INDEX living_wage_rate_key ON living_wage_rate (zone, rates_of)
