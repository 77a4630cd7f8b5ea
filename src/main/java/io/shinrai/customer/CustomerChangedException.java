package io.shinrai.customer;

import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Someone else saved the customer since the form was opened: the second save is refused,
 * never merged silently.
 */
public class CustomerChangedException extends OptimisticLockingFailureException {

	public CustomerChangedException(long id) {
		super("customer " + id + " was changed by someone else");
	}

}
