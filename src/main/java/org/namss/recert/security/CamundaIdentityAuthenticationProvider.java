package org.namss.recert.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/** Checks API credentials against Camunda's users, so one account serves Tasklist, Cockpit and the API. */
@Component
public class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

  private final IdentityService identityService;

  public CamundaIdentityAuthenticationProvider(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String userId = authentication.getName();
    Object credentials = authentication.getCredentials();
    if (userId == null || credentials == null || !identityService.checkPassword(userId, credentials.toString())) {
      throw new BadCredentialsException("Unknown user or wrong password");
    }
    User user = identityService.createUserQuery().userId(userId).singleResult();
    List<SimpleGrantedAuthority> authorities = identityService.createGroupQuery().groupMember(userId).list()
        .stream().map(group -> new SimpleGrantedAuthority(Authorities.group(group.getId()))).toList();
    var result = new UsernamePasswordAuthenticationToken(userId, null, authorities);
    result.setDetails(new ApiUser(userId, user == null ? null : user.getEmail(),
        authorities.stream().map(SimpleGrantedAuthority::getAuthority).toList()));
    return result;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
