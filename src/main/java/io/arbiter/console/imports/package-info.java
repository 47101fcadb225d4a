/**
 * The import wizard ({@code /imports}): an ERP export uploaded, its columns mapped, dry-run and imported, and the
 * history of imports; the uploaded files are kept between the steps.
 */
package io.arbiter.console.imports;
