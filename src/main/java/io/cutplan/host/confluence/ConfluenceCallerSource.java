package io.cutplan.host.confluence;

import com.atlassian.sal.api.user.UserManager;
import com.atlassian.sal.api.user.UserProfile;
import io.cutplan.service.spi.CallerSource;
import java.security.Principal;
import java.util.Optional;

/**
 * The caller inside Confluence: the user SAL says is logged in on this request. Cutplan matches the username
 * against its own users table (roles and teams live in Cutplan, not in Confluence groups).
 */
public class ConfluenceCallerSource implements CallerSource {
    private final UserManager userManager;

    public ConfluenceCallerSource(UserManager userManager) {
        this.userManager = userManager;
    }

    @Override
    public Optional<String> username(Principal requestPrincipal) {
        UserProfile user = userManager.getRemoteUser();
        return user == null ? Optional.empty() : Optional.ofNullable(user.getUsername()).filter(u -> !u.isBlank());
    }
}
