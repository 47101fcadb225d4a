/**
 * The bureau's API: a company's solvency report as a decision would use it, and the endpoint bureaus send their
 * monitoring notifications to ({@link io.arbiter.bureau.web.SolvencyController}).
 */
package io.arbiter.bureau.web;
