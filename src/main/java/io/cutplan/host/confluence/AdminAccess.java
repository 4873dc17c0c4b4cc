package io.cutplan.host.confluence;

import com.atlassian.sal.api.user.UserKey;
import com.atlassian.sal.api.user.UserManager;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;

/** Cutplan's configuration holds database credentials: only Confluence system administrators may see or change it. */
public final class AdminAccess {
    private AdminAccess() {
    }

    public enum Verdict { ANONYMOUS, NOT_ADMIN, SYSTEM_ADMIN }

    public static Verdict check(UserManager users) {
        UserKey key = users.getRemoteUserKey();
        if (key == null) {
            return Verdict.ANONYMOUS;
        }
        return users.isSystemAdmin(key) ? Verdict.SYSTEM_ADMIN : Verdict.NOT_ADMIN;
    }

    public static void require(UserManager users) {
        switch (check(users)) {
            case ANONYMOUS -> throw new DomainException(ErrorKind.UNAUTHENTICATED, "authentication_required",
                    "Log in as a Confluence system administrator");
            case NOT_ADMIN -> throw DomainException.forbidden("Only Confluence system administrators may configure Cutplan");
            default -> {
            }
        }
    }
}
