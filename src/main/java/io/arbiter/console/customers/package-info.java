/**
 * Customer search and the customer page ({@code /customers}), from the same service as the customers API.
 */
package io.arbiter.console.customers;
