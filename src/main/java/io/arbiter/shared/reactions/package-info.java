/**
 * The outbox kept moving: a module's reactions to another's events run again when they failed and deleted once done
 * long enough ({@link io.arbiter.shared.reactions.ReactionRetries}); the failed ones counted for a module that must know
 * ({@link io.arbiter.shared.reactions.FailedReactions}).
 */
package io.arbiter.shared.reactions;
