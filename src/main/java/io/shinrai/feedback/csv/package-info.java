/** CSV import and export; {@link io.shinrai.feedback.csv.FeedbackImports} is used by other modules (demo data). */
@org.springframework.modulith.NamedInterface("csv")
package io.shinrai.feedback.csv;
