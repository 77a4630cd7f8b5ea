package io.shinrai.account;

import io.shinrai.system.AdvisoryLocks;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface UserAccountRepository extends JpaRepository<UserAccount, Long> {

	@Query("select u from UserAccount u where lower(u.username) = lower(?1)")
	Optional<UserAccount> findByUsername(String username);

	long countByRoleAndEnabledTrue(Role role);

	@Query("select u from UserAccount u where u.ssoIssuer = ?1 and u.ssoSubject = ?2")
	Optional<UserAccount> findBySingleSignOn(String issuer, String subject);

	/**
	 * In name order regardless of letter case, as names are unique regardless of case.
	 */
	@Query("select u from UserAccount u order by lower(u.username)")
	List<UserAccount> findAllOrderedByName();

	/**
	 * The enabled admins, locked until the transaction ends (in id order, so two callers
	 * never deadlock). A second transaction waits here and then sees the first one's
	 * outcome, which makes "not the last admin" race-free.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select u from UserAccount u where u.role = io.shinrai.account.Role.ADMIN and u.enabled = true order by u.id")
	List<UserAccount> lockEnabledAdmins();

	/**
	 * Takes a database lock held until the transaction ends, so that of several instances
	 * starting at once on an empty database exactly one creates the first admin and the
	 * others see it.
	 */
	@Query(value = "select count(*) from (select pg_advisory_xact_lock(" + AdvisoryLocks.INITIAL_ADMIN + ")) locked",
			nativeQuery = true)
	long lockForInitialAdmin();

}
