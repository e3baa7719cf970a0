-- Migration 001: the core data model.
--
-- Every fact table carries provenance: the document and line span it was read from
-- (document_id, line_start, line_end), or the named user who entered it (entered_by).
-- A CHECK keeps one of the two present.
--
-- Why no FOREIGN KEY constraints: DuckDB refuses to delete a parent row in the same
-- transaction that deleted its children ("key is still referenced"), and re-importing a
-- document must replace its facts in one transaction. Referential integrity is checked by
-- queries/integrity/orphans.sql, which the test suite runs against every database it builds.
--
-- Append-only: never edit this file once landed; add 002_… instead.

create sequence seq_organization start 1;
create sequence seq_department start 1;
create sequence seq_document start 1;
create sequence seq_trip start 1;
create sequence seq_traveller start 1;
create sequence seq_itinerary start 1;
create sequence seq_institution start 1;
create sequence seq_meeting start 1;
create sequence seq_attendee start 1;
create sequence seq_agenda start 1;
create sequence seq_follow_up start 1;
create sequence seq_follow_up_event start 1;
create sequence seq_program start 1;
create sequence seq_flag start 1;

-- Reference data -------------------------------------------------------------------------

create table countries (
    iso2        varchar primary key,
    iso3        varchar,
    name_ko     varchar not null,
    name_en     varchar not null,
    continent   varchar            -- GeoNames continent code: AS, EU, NA, SA, AF, OC, AN
);

create table cities (
    city_id      bigint primary key,   -- the GeoNames id, so links stay valid across databases
    name_ko      varchar not null,
    name_en      varchar not null,
    country_iso2 varchar not null,
    admin1       varchar,
    lat          double not null,
    lon          double not null,
    timezone     varchar not null,     -- IANA name, e.g. America/Los_Angeles
    population   bigint,
    aliases      varchar[] not null default [],
    check (lat between -90 and 90 and lon between -180 and 180)
);

-- Our side: the Korean governments and agencies whose trips are tracked ---------------------

create table organizations (
    organization_id integer primary key default nextval('seq_organization'),
    name_ko         varchar not null unique,
    name_en         varchar not null,
    short_name      varchar,
    kind            varchar not null check (kind in ('metropolitan_government', 'local_government',
                        'central_government', 'public_agency', 'other')),
    home_city_id    bigint,
    aliases         varchar[] not null default []
);

create table departments (
    department_id   integer primary key default nextval('seq_department'),
    organization_id integer not null,
    name_ko         varchar not null,
    name_en         varchar,
    unique (organization_id, name_ko)
);

-- Source documents -----------------------------------------------------------------------

create table documents (
    document_id     integer primary key default nextval('seq_document'),
    file_name       varchar not null,
    sha256          varchar not null unique,
    format          varchar not null check (format in ('txt', 'md', 'docx', 'pdf', 'hwp', 'hwpx', 'seed')),
    kind            varchar not null check (kind in ('report', 'plan', 'news', 'unknown')),
    title           varchar,
    publisher       varchar,
    published_date  date,
    published_precision varchar check (published_precision in ('day', 'month', 'year')),
    imported_at     timestamp not null default current_timestamp,
    imported_by     varchar not null,
    size_bytes      bigint,
    raw_text        varchar,            -- null only for embedded seed facts whose text is not shipped
    content         blob,               -- the original file, kept as uploaded
    replaces_document_id integer,
    is_synthetic    boolean not null default false
);

-- Trips ----------------------------------------------------------------------------------

create table trips (
    trip_id         integer primary key default nextval('seq_trip'),
    title           varchar not null,
    organization_id integer not null,
    department_id   integer,
    purpose         varchar,
    start_date      date,
    end_date        date,
    nights_stated   integer,
    days_stated     integer,
    status          varchar not null check (status in ('planned', 'ongoing', 'completed')),
    is_synthetic    boolean not null default false,
    document_id     integer,
    line_start      integer,
    line_end        integer,
    entered_by      varchar,
    entered_at      timestamp not null default current_timestamp,
    check (document_id is not null or entered_by is not null),
    check (start_date is null or end_date is null or start_date <= end_date)
);

create table trip_travellers (
    traveller_id    integer primary key default nextval('seq_traveller'),
    trip_id         integer not null,
    seq             integer not null,
    name            varchar,
    title           varchar,
    organization_id integer,
    organization_name varchar,
    department_name varchar,
    role            varchar not null default 'member' check (role in ('head', 'member', 'staff')),
    document_id     integer,
    line_start      integer,
    line_end        integer,
    entered_by      varchar,
    check (document_id is not null or entered_by is not null)
);

-- The places a trip went to, in the order the source gives them (a news article names
-- cities without an itinerary table).
create table trip_destinations (
    trip_id         integer not null,
    seq             integer not null,
    city_id         bigint not null,
    document_id     integer,
    line_start      integer,
    line_end        integer,
    entered_by      varchar,
    primary key (trip_id, seq),
    check (document_id is not null or entered_by is not null)
);

create table itinerary_items (
    item_id         integer primary key default nextval('seq_itinerary'),
    trip_id         integer not null,
    seq             integer not null,
    start_date      date not null,
    start_time      time,               -- local time of the city the item starts in
    end_date        date,
    end_time        time,               -- local time of the city the item ends in
    city_id         bigint,             -- the place column of the itinerary row
    from_city_id    bigint,             -- for flights and transfers
    to_city_id      bigint,
    kind            varchar not null check (kind in ('flight', 'transfer', 'meeting', 'visit',
                        'event', 'official', 'free')),
    description     varchar not null,
    stated_duration_minutes integer,
    stated_duration_text varchar,
    meeting_id      integer,
    document_id     integer,
    line_start      integer,
    line_end        integer,
    entered_by      varchar,
    check (document_id is not null or entered_by is not null),
    unique (trip_id, seq)
);

-- Their side: institutions met -----------------------------------------------------------

create table institutions (
    institution_id  integer primary key default nextval('seq_institution'),
    name_ko         varchar not null,
    name_en         varchar,
    aliases         varchar[] not null default [],
    city_id         bigint,
    country_iso2    varchar,
    type            varchar not null check (type in ('government', 'economic_development_agency',
                        'university', 'tech_transfer_office', 'incubator_accelerator',
                        'nonprofit', 'company', 'investor', 'think_tank', 'association',
                        'public_agency', 'research_institute', 'event', 'other')),
    sectors         varchar[] not null default [],
    description     varchar,
    website         varchar,
    document_id     integer,
    line_start      integer,
    line_end        integer,
    entered_by      varchar,
    check (document_id is not null or entered_by is not null)
);

create table meetings (
    meeting_id      integer primary key default nextval('seq_meeting'),
    trip_id         integer not null,
    seq             integer not null,
    institution_id  integer,
    title           varchar not null,
    meeting_date    date,               -- null when the source gives no date
    start_time      time,               -- local time of city_id
    end_time        time,
    city_id         bigint,
    place           varchar,
    kind            varchar not null check (kind in ('meeting', 'courtesy_call', 'site_visit',
                        'event', 'lecture')),
    purpose         varchar,
    key_points      varchar[] not null default [],
    attendee_count_stated integer,
    document_id     integer,
    line_start      integer,
    line_end        integer,
    entered_by      varchar,
    check (document_id is not null or entered_by is not null),
    check (start_time is null or meeting_date is not null)
);

create table meeting_attendees (
    attendee_id     integer primary key default nextval('seq_attendee'),
    meeting_id      integer not null,
    seq             integer not null,
    name            varchar,            -- null for "외 N명" (N unnamed people)
    title           varchar,
    organization_name varchar,
    institution_id  integer,
    organization_id integer,
    side            varchar not null check (side in ('ours', 'theirs', 'interpreter')),
    headcount       integer not null default 1 check (headcount >= 1),
    document_id     integer,
    line_start      integer,
    line_end        integer,
    entered_by      varchar,
    check (document_id is not null or entered_by is not null)
);

create table meeting_agenda_items (
    agenda_item_id  integer primary key default nextval('seq_agenda'),
    meeting_id      integer not null,
    seq             integer not null,
    start_time      time,
    end_time        time,
    topic           varchar not null,
    lead            varchar,
    document_id     integer,
    line_start      integer,
    line_end        integer,
    entered_by      varchar,
    check (document_id is not null or entered_by is not null)
);

-- Cooperation programs offered by institutions --------------------------------------------

create table programs (
    program_id      integer primary key default nextval('seq_program'),
    institution_id  integer not null,
    name            varchar not null,
    name_en         varchar,
    type            varchar not null check (type in ('pitching_event', 'gap_funding', 'seed_funding',
                        'customer_discovery', 'soft_landing', 'incubation', 'office_space',
                        'lab_access', 'staff_exchange', 'mentoring', 'networking',
                        'technology_transfer', 'other')),
    description     varchar,
    provides        varchar[] not null default [],
    sectors         varchar[] not null default [],
    cost_amount     decimal(18, 2),
    cost_currency   varchar,
    cost_note       varchar,
    duration_text   varchar,
    duration_days   integer,
    eligibility     varchar,
    funding_source  varchar,
    document_id     integer,
    line_start      integer,
    line_end        integer,
    entered_by      varchar,
    check (document_id is not null or entered_by is not null)
);

-- Follow-ups and their history ------------------------------------------------------------

create table follow_ups (
    follow_up_id    integer primary key default nextval('seq_follow_up'),
    action          varchar not null,
    trip_id         integer,
    meeting_id      integer,
    institution_id  integer,            -- the main counterpart; all named ones are in follow_up_institutions
    owner           varchar,
    stage           varchar not null default 'identified' check (stage in ('identified', 'proposed',
                        'in_discussion', 'agreed', 'in_progress', 'done', 'on_hold', 'dropped')),
    priority        varchar not null default 'normal' check (priority in ('high', 'normal', 'low')),
    due_date        date,
    next_action     varchar,
    created_at      timestamp not null default current_timestamp,
    updated_at      timestamp not null default current_timestamp,
    updated_by      varchar,
    version         integer not null default 1,
    edited_by_hand  boolean not null default false,  -- kept when its document is re-imported
    document_id     integer,
    line_start      integer,
    line_end        integer,
    entered_by      varchar,
    check (document_id is not null or entered_by is not null)
);

create table follow_up_institutions (
    follow_up_id    integer not null,
    institution_id  integer not null,
    primary key (follow_up_id, institution_id)
);

create table follow_up_events (
    event_id        integer primary key default nextval('seq_follow_up_event'),
    follow_up_id    integer not null,
    occurred_at     timestamp not null default current_timestamp,
    by_user         varchar not null,
    field           varchar not null,   -- 'created' for the first event
    old_value       varchar,
    new_value       varchar
);

-- Data quality ---------------------------------------------------------------------------

create table data_quality_flags (
    flag_id         integer primary key default nextval('seq_flag'),
    document_id     integer,
    entity_type     varchar not null check (entity_type in ('document', 'trip', 'itinerary_item',
                        'meeting', 'attendee', 'institution', 'program', 'follow_up', 'city')),
    entity_id       integer,
    code            varchar not null,
    severity        varchar not null default 'warning' check (severity in ('info', 'warning', 'error')),
    message         varchar not null,
    line_start      integer,
    line_end        integer,
    source_text     varchar,
    created_at      timestamp not null default current_timestamp,
    resolved_at     timestamp,
    resolved_by     varchar
);
