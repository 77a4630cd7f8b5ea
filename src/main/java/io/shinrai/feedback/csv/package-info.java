/**
 * CSV import and export of feedback. Other modules may use its public types
 * ({@link FeedbackImports}, {@link FeedbackImport}, {@link ImportRefused}), e.g. to load
 * demo data; everything else is package-private.
 */
@org.springframework.modulith.NamedInterface("csv")
package io.shinrai.feedback.csv;
