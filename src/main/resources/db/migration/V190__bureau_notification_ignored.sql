-- Why a bureau notification was recorded without being acted on (e.g. no bureau knows the company); null when acted on.
alter table bureau_notification add column ignored text;
