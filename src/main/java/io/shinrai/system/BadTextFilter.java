package io.shinrai.system;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with 400, before anything reads it, a request carrying text that cannot be
 * stored (see {@link StorableText}): in a URL parameter, in any parameter of a sign-in or
 * an API call, in a JSON body or in the name of an uploaded file. Fields of the
 * application's own forms are left to the form, which shows a message at the field
 * ({@link StorableTextBinding}) and keeps everything else that was typed.
 */
class BadTextFilter extends OncePerRequestFilter {

	private static final String PROBLEM = "{\"status\":400,\"title\":\"Bad Request\","
			+ "\"detail\":\"The request contains a character that cannot be stored (NUL or an unpaired surrogate).\"}";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean api = request.getRequestURI().startsWith(request.getContextPath() + "/api/");
		HttpServletRequest checked = request;
		boolean storable;
		if (isJson(request)) {
			byte[] body = request.getInputStream().readAllBytes();
			storable = StorableText.isStorableJson(new String(body, StandardCharsets.UTF_8)) && storableQuery(request);
			checked = new CachedBody(request, body);
		}
		else if (isForm(request) && !api && !isSignIn(request)) {
			storable = storableQuery(request) && storableFileNames(request);
		}
		else {
			storable = storableParameters(request.getParameterMap());
		}
		if (!storable) {
			refuse(response, api);
			return;
		}
		chain.doFilter(checked, response);
	}

	private static void refuse(HttpServletResponse response, boolean api) throws IOException {
		if (api) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter().write(PROBLEM);
		}
		else {
			response.sendError(HttpStatus.BAD_REQUEST.value());
		}
	}

	private static boolean isJson(HttpServletRequest request) {
		String type = request.getContentType();
		if (type == null) {
			return false;
		}
		String lower = type.toLowerCase(Locale.ROOT);
		return lower.startsWith("application/json") || lower.contains("+json");
	}

	private static boolean isForm(HttpServletRequest request) {
		String type = request.getContentType();
		if (type == null || "GET".equals(request.getMethod())) {
			return false;
		}
		String lower = type.toLowerCase(Locale.ROOT);
		return lower.startsWith("application/x-www-form-urlencoded") || lower.startsWith("multipart/");
	}

	private static boolean isSignIn(HttpServletRequest request) {
		return request.getRequestURI().equals(request.getContextPath() + "/login");
	}

	/** The URL's own parameters, decoded the way the container decodes them. */
	private static boolean storableQuery(HttpServletRequest request) {
		String query = request.getQueryString();
		if (query == null) {
			return true;
		}
		for (String pair : query.split("&")) {
			try {
				if (!StorableText.isStorable(java.net.URLDecoder.decode(pair, StandardCharsets.UTF_8))) {
					return false;
				}
			}
			catch (IllegalArgumentException ex) {
				// a broken escape: the container decides what it is
			}
		}
		return true;
	}

	private static boolean storableFileNames(HttpServletRequest request) {
		String type = request.getContentType();
		if (!type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
			return true;
		}
		try {
			for (Part part : request.getParts()) {
				if (!StorableText.isStorable(part.getSubmittedFileName()) || !StorableText.isStorable(part.getName())) {
					return false;
				}
			}
		}
		catch (IOException | ServletException | IllegalStateException ex) {
			// too large or broken: the upload's own handling says so
		}
		return true;
	}

	private static boolean storableParameters(Map<String, String[]> parameters) {
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			if (!StorableText.isStorable(parameter.getKey())) {
				return false;
			}
			for (String value : parameter.getValue()) {
				if (!StorableText.isStorable(value)) {
					return false;
				}
			}
		}
		return true;
	}

	/** The request with its body already read, for the handlers after this filter. */
	private static final class CachedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		CachedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("synchronous reads only");
				}

			};
		}

		@Override
		public java.io.BufferedReader getReader() {
			String encoding = getCharacterEncoding();
			return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
					encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}

	}

}
