package io.shinrai.account;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * The session filter reads and writes sessions through {@link OutageTolerantSessions}, so
 * that a database outage shows the 503 page (or the form again, with what was typed) to
 * signed-in users instead of failing in the filter. Spring Session's own filter is
 * replaced by one over that repository, with the same cookie (Boot's
 * {@link CookieSerializer}, from {@code server.servlet.session.cookie.*}).
 */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

	/**
	 * The one outage-tolerant view of the sessions, for the session filter and the
	 * session registry.
	 */
	record TolerantSessions(OutageTolerantSessions repository) {
	}

	@Bean
	TolerantSessions tolerantSessions(JdbcIndexedSessionRepository sessions, Clock clock) {
		return new TolerantSessions(new OutageTolerantSessions(sessions, clock));
	}

	@Bean
	static BeanPostProcessor outageTolerantSessionFilter(ObjectProvider<TolerantSessions> sessions,
			ObjectProvider<CookieSerializer> cookies) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (!(bean instanceof SessionRepositoryFilter<?>) || bean instanceof TolerantFilter) {
					return bean;
				}
				TolerantFilter filter = new TolerantFilter(sessions.getObject().repository());
				CookieHttpSessionIdResolver resolver = new CookieHttpSessionIdResolver();
				cookies.ifAvailable(resolver::setCookieSerializer);
				filter.setHttpSessionIdResolver(resolver);
				return filter;
			}

		};
	}

	private static final class TolerantFilter extends SessionRepositoryFilter<Session> {

		TolerantFilter(OutageTolerantSessions sessions) {
			super(sessions);
		}

	}

}
