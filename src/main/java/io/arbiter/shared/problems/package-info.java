/**
 * The API's failures as RFC 9457 problem responses: every kind a client may branch on
 * ({@link io.arbiter.shared.problems.ProblemTypes}), the framework's own failures and a
 * {@link io.arbiter.shared.ProblemException} answered in that shape ({@link io.arbiter.shared.problems.ApiProblemHandler}),
 * and request bodies refused beyond their size limit ({@link io.arbiter.shared.problems.RequestSizeLimit}).
 */
package io.arbiter.shared.problems;
