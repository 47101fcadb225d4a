-- A review task is closed by a person with an outcome and a comment, kept with the task: why the limit stayed or went.
alter table limit_review_task
    add column closed_at  timestamptz,
    add column closed_by  text,
    add column outcome    text,
    add column comment    text;
