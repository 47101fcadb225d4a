/**
 * The collection agenda ({@code /agenda}): the day's dunning actions by assignee, one opened with what the customer
 * owes, and its outcome recorded in place.
 */
package io.arbiter.console.agenda;
