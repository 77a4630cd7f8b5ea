package io.shinrai.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a page (a GET handler) whose read-only transactions may read from the streaming
 * replica when one is configured ({@code shinrai.datasource.replica-url}): pages that
 * show what everyone has stored, where a lag of a moment behind the primary does no harm.
 * Never on a form page (it reads the version an edit is checked against) nor on anything
 * that writes. The browser that has just posted a form reads from the primary for a short
 * while, so the page a form redirects to shows what it stored (see
 * {@code docs/scaling.md}).
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ReplicaReads {

}
