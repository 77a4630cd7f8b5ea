package io.shinrai.account;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {

	Optional<ApiToken> findByTokenHash(String tokenHash);

	/** Newest first. */
	@Query("select t from ApiToken t where t.userId = ?1 order by t.createdAt desc, t.id desc")
	List<ApiToken> findByUser(Long userId);

	@Query("select count(t) from ApiToken t where t.userId = ?1 and t.revokedAt is null and t.expiresAt > ?2")
	long countActive(Long userId, java.time.Instant now);

}
