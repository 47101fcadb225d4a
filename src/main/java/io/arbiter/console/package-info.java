/**
 * The web console at {@code /}: server-rendered pages (Thymeleaf, htmx, ECharts from WebJars) in French and English for
 * the people who run credit day to day: the policy workbench (drafts, differences, approval, simulations), the review
 * queue, customer search and the customer page, the KPI dashboard and the customers behind a figure, the collection
 * agenda, the import wizard, and credit limits (requests, reviews, insurance alerts). Every page calls the same public
 * services as the API, scoped to a salesperson's portfolio as the API scopes their key; nothing here decides anything
 * the API cannot.
 * <p>
 * This package holds what every page shares: the signed-in person for the header, the formats, the home and sign-in
 * pages. Its parts are the page families: {@code review}, {@code customers}, {@code kpi}, {@code agenda},
 * {@code imports} and {@code limits}; the policy workbench is the policy module's own ({@code io.arbiter.policy.web}).
 */
package io.arbiter.console;
