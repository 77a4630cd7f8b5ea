package io.shinrai.system;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.logging.Logger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.WebUtils;

/**
 * Read-only pages from a streaming replica, when {@code shinrai.datasource.replica-url}
 * is set (off otherwise). The application's DataSource becomes a
 * {@link LazyConnectionDataSourceProxy} over the primary's pool: a connection is only
 * fetched at its first statement, and one marked read-only by then
 * ({@code @Transactional(readOnly = true)}) comes from the replica's pool if the request
 * is a {@link ReplicaReads} page; everything else, writes and the sessions included, goes
 * to the primary. See {@code docs/scaling.md} for the pages and the replica's lag.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${shinrai.datasource.replica-url:}'.isBlank()")
class ReplicaDataSourceConfiguration implements WebMvcConfigurer {

	/**
	 * Present (as true) on a request whose read-only transactions may use the replica.
	 */
	static final String REQUEST_ATTRIBUTE = ReplicaDataSourceConfiguration.class.getName() + ".replica";

	/**
	 * Set for a short while after a browser posted something, so that it reads its own
	 * writes from the primary.
	 */
	static final String PRIMARY_COOKIE = "shinrai-primary";

	private static final ThreadLocal<Boolean> REPLICA_ALLOWED = new ThreadLocal<>();

	private final Duration readYourWrites;

	ReplicaDataSourceConfiguration(ReplicaProperties properties) {
		this.readYourWrites = properties.replicaReadYourWrites();
	}

	@Bean
	static BeanPostProcessor replicaRoutingDataSource(Environment environment) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof HikariDataSource primary && "dataSource".equals(beanName)) {
					// bound here: a post-processor comes before the beans that could be
					// injected
					ReplicaProperties properties = Binder.get(environment)
						.bindOrCreate("shinrai.datasource", ReplicaProperties.class);
					return routing(primary, replica(primary, properties));
				}
				return bean;
			}
		};
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new ReplicaPages(readYourWrites)).excludePathPatterns("/api/**");
	}

	static DataSource routing(DataSource primary, DataSource replica) {
		LazyConnectionDataSourceProxy proxy = new LazyConnectionDataSourceProxy(primary);
		proxy.setReadOnlyDataSource(new ReadOnlyConnections(primary, replica));
		return proxy;
	}

	private static HikariDataSource replica(HikariDataSource primary, ReplicaProperties properties) {
		HikariDataSource replica = new HikariDataSource();
		replica.setPoolName("shinrai-replica");
		replica.setJdbcUrl(properties.replicaUrl());
		replica
			.setUsername(properties.replicaUsername() != null ? properties.replicaUsername() : primary.getUsername());
		replica
			.setPassword(properties.replicaPassword() != null ? properties.replicaPassword() : primary.getPassword());
		replica.setMaximumPoolSize(
				properties.replicaPoolSize() != null ? properties.replicaPoolSize() : primary.getMaximumPoolSize());
		replica.setReadOnly(true);
		// a replica that is away makes pages fall back to the primary quickly rather than
		// wait for it
		replica.setConnectionTimeout(Duration.ofSeconds(2).toMillis());
		replica.setInitializationFailTimeout(-1);
		return replica;
	}

	/**
	 * Runs {@code work} as a request of a {@link ReplicaReads} page would (for tests and
	 * command-line tools).
	 */
	static <T> T asReplicaPage(Supplier<T> work) {
		Boolean before = REPLICA_ALLOWED.get();
		REPLICA_ALLOWED.set(Boolean.TRUE);
		try {
			return work.get();
		}
		finally {
			REPLICA_ALLOWED.set(before);
		}
	}

	/**
	 * The source of read-only connections: the replica on a {@link ReplicaReads} page,
	 * the primary elsewhere, and the primary too when the replica cannot be reached
	 * (logged, the page still works).
	 */
	static final class ReadOnlyConnections implements DataSource {

		private static final org.slf4j.Logger log = LoggerFactory.getLogger(ReadOnlyConnections.class);

		private final DataSource primary;

		private final DataSource replica;

		ReadOnlyConnections(DataSource primary, DataSource replica) {
			this.primary = primary;
			this.replica = replica;
		}

		@Override
		public Connection getConnection() throws SQLException {
			if (!Boolean.TRUE.equals(REPLICA_ALLOWED.get())) {
				return primary.getConnection();
			}
			try {
				return replica.getConnection();
			}
			catch (SQLException ex) {
				log.warn("The replica is unreachable, reading from the primary: {}", ex.getMessage());
				return primary.getConnection();
			}
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			throw new SQLException("the pools hold the credentials");
		}

		@Override
		public PrintWriter getLogWriter() {
			return null;
		}

		@Override
		public void setLogWriter(PrintWriter out) {
		}

		@Override
		public void setLoginTimeout(int seconds) {
		}

		@Override
		public int getLoginTimeout() {
			return 0;
		}

		@Override
		public Logger getParentLogger() {
			return Logger.getLogger(Logger.GLOBAL_LOGGER_NAME);
		}

		@Override
		public <T> T unwrap(Class<T> type) throws SQLException {
			if (type.isInstance(this)) {
				return type.cast(this);
			}
			throw new SQLException("not a wrapper of " + type.getName());
		}

		@Override
		public boolean isWrapperFor(Class<?> type) {
			return type.isInstance(this);
		}

	}

	/**
	 * Lets a GET of a {@link ReplicaReads} page read the replica, unless this browser
	 * posted something within the read-your-writes time; marks a browser that posts.
	 */
	private record ReplicaPages(Duration readYourWrites) implements HandlerInterceptor {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
			String method = request.getMethod();
			if (!"GET".equals(method) && !"HEAD".equals(method)) {
				Cookie cookie = new Cookie(PRIMARY_COOKIE, "1");
				cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
				cookie.setMaxAge((int) readYourWrites.toSeconds());
				cookie.setHttpOnly(true);
				cookie.setAttribute("SameSite", "Lax");
				response.addCookie(cookie);
				return true;
			}
			if (handler instanceof HandlerMethod page && isReplicaPage(page)
					&& WebUtils.getCookie(request, PRIMARY_COOKIE) == null) {
				REPLICA_ALLOWED.set(Boolean.TRUE);
				request.setAttribute(REQUEST_ATTRIBUTE, Boolean.TRUE);
			}
			return true;
		}

		@Override
		public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
				Exception ex) {
			REPLICA_ALLOWED.remove();
		}

		private static boolean isReplicaPage(HandlerMethod page) {
			return AnnotatedElementUtils.hasAnnotation(page.getMethod(), ReplicaReads.class)
					|| AnnotatedElementUtils.hasAnnotation(page.getBeanType(), ReplicaReads.class);
		}

	}

}
