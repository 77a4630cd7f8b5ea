package io.shinrai.account;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.shinrai.system.SegmentScope;

/**
 * Gives every controller method with a {@link SegmentScope} parameter the signed-in
 * user's scope, so that each module applies it without depending on the account module.
 */
@Configuration(proxyBeanMethods = false)
class SegmentScopeResolver implements WebMvcConfigurer, HandlerMethodArgumentResolver {

	private final SegmentScopes scopes;

	SegmentScopeResolver(SegmentScopes scopes) {
		this.scopes = scopes;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == SegmentScope.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		return scopes.current();
	}

}
