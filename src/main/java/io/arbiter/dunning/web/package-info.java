/**
 * The dunning API under {@code /api/v1/dunning}, thin over the module's services. It serves next actions, outcomes,
 * sending a message and its letter as a PDF, the agenda and the agency file
 * ({@link io.arbiter.dunning.web.DunningController}), with the examples its OpenAPI document shows. Nothing else
 * depends on it, so it is not a named interface.
 */
package io.arbiter.dunning.web;
