/**
 * Bureau monitoring notifications, each recorded once, and the changes they announce to the other modules. The
 * company's report is refreshed past the cache and what changed is published ({@link io.arbiter.bureau.SolvencyChanged},
 * {@link io.arbiter.bureau.InsolvencyReported}); a notification sent again is answered as processed only once every
 * reaction to it has succeeded ({@link io.arbiter.bureau.monitoring.NotificationReactions}). Internal to the bureau
 * module.
 */
package io.arbiter.bureau.monitoring;
