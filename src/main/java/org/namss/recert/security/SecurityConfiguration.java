package org.namss.recert.security;

import jakarta.servlet.DispatcherType;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Who may call what.
 *
 * <ul>
 *   <li>The project's API ({@code /api/**}) and the actuator: HTTP Basic against Camunda's identity service,
 *       so staff use one account for Tasklist and the API. Open: the health probe and the employer's
 *       good-standing lookup (R17).</li>
 *   <li>The engine REST API ({@code /engine-rest/**}), open in the starter by default: Camunda's own
 *       {@link ProcessEngineAuthenticationFilter} with HTTP Basic, so the engine's authorizations apply.</li>
 *   <li>The webapps ({@code /camunda/**}) have their own login and session; Spring Security steps aside.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  @Bean
  SecurityFilterChain camundaPaths(HttpSecurity http) throws Exception {
    // path patterns over the whole path: the webapps' REST (/camunda/api/*) and the engine REST are servlets of
    // their own, which Spring MVC's matcher (the default for plain strings) does not see, so they fell through to
    // the API chain's HTTP Basic and Tasklist/Cockpit could not load their plugins or sign in
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    http.securityMatcher(new OrRequestMatcher(paths.matcher("/camunda/**"), paths.matcher("/engine-rest/**")))
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
        .requestCache(cache -> cache.disable())
        .securityContext(context -> context.disable())
        .sessionManagement(session -> session.disable());
    return http.build();
  }

  @Bean
  SecurityFilterChain apiAndActuator(HttpSecurity http, CamundaIdentityAuthenticationProvider provider)
      throws Exception {
    http.authenticationProvider(provider)
        .authorizeHttpRequests(auth -> auth
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            .requestMatchers("/error").permitAll()
            .requestMatchers(HttpMethod.GET, "/", "/index.html").permitAll()
            .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
            .requestMatchers(HttpMethod.GET, "/api/good-standing", "/api/good-standing/**").permitAll()
            .requestMatchers("/actuator/**").hasAnyAuthority(Authorities.group(Groups.OPERATIONS),
                Authorities.group(IdentitySetup.ADMIN_GROUP))
            .anyRequest().authenticated())
        .httpBasic(basic -> basic.realmName("recertification"))
        .csrf(csrf -> csrf.disable()) // stateless HTTP Basic API: no cookies, so no CSRF
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    return http.build();
  }

  /**
   * Camunda's engine REST authentication filter lets the engine listing {@code /engine-rest/engine} through
   * without credentials; this one asks for them there too.
   */
  @Bean
  FilterRegistrationBean<jakarta.servlet.Filter> engineListingAuthentication(
      org.camunda.bpm.engine.IdentityService identityService) {
    jakarta.servlet.Filter filter = (request, response, chain) -> {
      var http = (jakarta.servlet.http.HttpServletRequest) request;
      String header = http.getHeader("Authorization");
      if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
        String decoded;
        try {
          decoded = new String(java.util.Base64.getDecoder().decode(header.substring(6).trim()),
              java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          decoded = "";
        }
        int colon = decoded.indexOf(':');
        if (colon > 0 && identityService.checkPassword(decoded.substring(0, colon), decoded.substring(colon + 1))) {
          chain.doFilter(request, response);
          return;
        }
      }
      var out = (jakarta.servlet.http.HttpServletResponse) response;
      out.setHeader("WWW-Authenticate", "Basic realm=\"default\"");
      out.sendError(401);
    };
    var registration = new FilterRegistrationBean<>(filter);
    registration.setName("engine-listing-auth");
    registration.addUrlPatterns("/engine-rest/engine", "/engine-rest/engine/");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 19);
    return registration;
  }

  /** Camunda's own authentication for the engine REST API (open by default in the starter). */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-engine-rest-auth");
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }
}
