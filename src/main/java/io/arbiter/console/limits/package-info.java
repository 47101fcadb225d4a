/**
 * The credit limit pages ({@code /limits}): requests and their approval, review tasks, insurer reporting alerts and one
 * company's standing limit, through the services the limits API calls.
 */
package io.arbiter.console.limits;
