package io.shinrai.customer;

import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.system.NotFoundException;

/** The customers Shinrai knows: lookup by id or CRM reference, creation. */
@Service
@Transactional
public class CustomerDirectory {

	private final CustomerRepository customers;

	CustomerDirectory(CustomerRepository customers) {
		this.customers = customers;
	}

	@Transactional(readOnly = true)
	public Optional<Customer> find(long id) {
		return customers.findById(id);
	}

	@Transactional(readOnly = true)
	public Customer get(long id) {
		return customers.findById(id).orElseThrow(() -> new NotFoundException("customer " + id));
	}

	@Transactional(readOnly = true)
	public Optional<Customer> findByReference(String reference) {
		return customers.findByReference(reference);
	}

}
