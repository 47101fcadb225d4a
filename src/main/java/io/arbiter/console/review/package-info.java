/**
 * The review queue ({@code /review}): decisions waiting for a person, oldest first, and the page where a reviewer gives
 * a verdict.
 */
package io.arbiter.console.review;
