package io.shinrai.customer;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface CustomerRepository extends JpaRepository<Customer, Long> {

	Optional<Customer> findByReference(String reference);

	boolean existsByReference(String reference);

	List<Customer> findTop20ByOrderByCreatedAtDesc();

}
