/**
 * The web console at {@code /}: server-rendered pages (Thymeleaf, htmx, ECharts from WebJars) in French and English for
 * the people who own the credit policy and work its review queue. Every page calls the same public services as the
 * API; nothing here decides anything the API cannot.
 */
package io.arbiter.console;
