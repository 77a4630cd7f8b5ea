package io.shinrai.promise;

/**
 * OPEN until its owner marks it KEPT or BROKEN, or it is past its due time (then BROKEN).
 */
public enum PromiseStatus {

	OPEN, KEPT, BROKEN

}
