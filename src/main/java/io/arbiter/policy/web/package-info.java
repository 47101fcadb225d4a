/**
 * The policy's API and the console's policy workbench, both thin over the life cycle. {@code /api/v1/policies} is
 * {@link io.arbiter.policy.web.PolicyController}; the workbench pages are {@link io.arbiter.policy.web.PolicyWorkbench}.
 */
package io.arbiter.policy.web;
