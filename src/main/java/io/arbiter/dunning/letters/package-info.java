/**
 * What an action claims, what its message says, and how the letter goes out. Each invoice owes its open amount,
 * late-payment interest and the €40 indemnity ({@link io.arbiter.dunning.letters.Dues}); the message is rendered from
 * the templates finance staff edit in French and English ({@link io.arbiter.dunning.letters.DunningTemplates},
 * {@link io.arbiter.dunning.letters.ActionLetters}); the letter is a PDF with its legal mentions
 * ({@link io.arbiter.dunning.letters.LetterPdf}), printed or attached to an e-mail
 * ({@link io.arbiter.dunning.letters.LetterMail}). Internal to the dunning module.
 */
package io.arbiter.dunning.letters;
