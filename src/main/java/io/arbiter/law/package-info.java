/**
 * French and EU rules on late payment and collection, as pure functions with no Spring beans and no database: late-payment
 * interest (Code de commerce L441-10 II, Directive 2011/7/EU), the €40 recovery indemnity, the LME limits on payment
 * terms, the deadline to declare a claim in insolvency proceedings, and credit-insurance reporting deadlines. The rates
 * they need live in CSV files an operator updates when the ECB decides or a new arrêté is published.
 */
package io.arbiter.law;
