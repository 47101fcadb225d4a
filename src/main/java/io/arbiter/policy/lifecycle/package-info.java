/**
 * Stored versions and their life cycle: draft, approval, publication, and every replica kept on the published one.
 * Drafts are uploaded with their exact files, approved by someone other than their author, published now or at a date,
 * superseded or rolled back ({@link io.arbiter.policy.lifecycle.PolicyLifecycle}); compilations run within a time and
 * memory budget ({@link io.arbiter.policy.lifecycle.PolicyCompilations}); each replica follows the published version
 * ({@link io.arbiter.policy.lifecycle.PolicySync}). Tables {@code policy_version} and {@code policy_version_file}.
 * Internal to the policy module.
 */
package io.arbiter.policy.lifecycle;
