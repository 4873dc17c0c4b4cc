package io.cutplan.host.confluence;

import com.atlassian.sal.api.user.UserKey;
import com.atlassian.sal.api.user.UserManager;
import com.atlassian.sal.api.user.UserProfile;
import io.cutplan.domain.Role;
import io.cutplan.service.spi.CallerSource;
import io.cutplan.service.spi.HostUser;
import java.security.Principal;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The caller inside Confluence: the user SAL says is logged in on this request, described by SAL's profile (username,
 * full name, e-mail) and groups, so every Confluence user is Cutplan's user without a row created by hand (see
 * {@link io.cutplan.service.CallerService}). The role the groups give: Confluence system administrators and members
 * of the configured admin group are ADMIN, members of the configured pilot group PILOT, everyone else NORMAL; the
 * higher of that and the role set in Cutplan applies. Group answers come from a bounded short-lived
 * {@link GroupCache}, as a caller is built on every request.
 */
public class ConfluenceCallerSource implements CallerSource {
    /** The cache's question for {@link UserManager#isSystemAdmin} (group names cannot hold a NUL character). */
    static final String SYSTEM_ADMIN = "\u0000system-admin";

    private final UserManager userManager;
    private final CutplanRuntime runtime;
    private final GroupCache cache = new GroupCache();

    public ConfluenceCallerSource(UserManager userManager, CutplanRuntime runtime) {
        this.userManager = userManager;
        this.runtime = runtime;
    }

    @Override
    public Optional<String> username(Principal requestPrincipal) {
        return hostUser(requestPrincipal).map(HostUser::username);
    }

    @Override
    public Optional<HostUser> hostUser(Principal requestPrincipal) {
        UserProfile user = userManager.getRemoteUser();
        if (user == null || user.getUsername() == null || user.getUsername().isBlank()) {
            return Optional.empty();
        }
        UserKey key = user.getUserKey() != null ? user.getUserKey() : userManager.getRemoteUserKey();
        PluginConfig config = runtime.config();
        return Optional.of(new Profile(user, key, config.adminGroup(), config.pilotGroup()));
    }

    @Override
    public boolean hostGroups() {
        return true;
    }

    /** Tests: the group cache's clock. */
    void useClock(LongSupplier clock) {
        cache.useClock(clock);
    }

    private final class Profile implements HostUser {
        private final UserProfile user;
        private final UserKey key;
        private final String adminGroup;
        private final String pilotGroup;

        Profile(UserProfile user, UserKey key, String adminGroup, String pilotGroup) {
            this.user = user;
            this.key = key;
            this.adminGroup = adminGroup;
            this.pilotGroup = pilotGroup;
        }

        @Override
        public String username() {
            return user.getUsername();
        }

        @Override
        public String fullName() {
            return user.getFullName();
        }

        @Override
        public String email() {
            return user.getEmail();
        }

        @Override
        public Role role() {
            if (key == null) {
                return Role.NORMAL;
            }
            if (cache.answer(key.getStringValue(), SYSTEM_ADMIN, () -> userManager.isSystemAdmin(key))
                    || (adminGroup != null && inGroup(adminGroup))) {
                return Role.ADMIN;
            }
            return pilotGroup != null && inGroup(pilotGroup) ? Role.PILOT : Role.NORMAL;
        }

        @Override
        public boolean inGroup(String group) {
            return key != null && group != null && !group.isBlank()
                    && cache.answer(key.getStringValue(), group, () -> userManager.isUserInGroup(key, group));
        }
    }
}
