package io.cutplan.service;

import io.cutplan.domain.Caller;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import io.cutplan.domain.EmailAddresses;
import io.cutplan.domain.Role;
import io.cutplan.service.spi.HostUser;
import io.cutplan.store.Database;
import io.cutplan.store.Ids;
import io.cutplan.store.UserDao;
import io.cutplan.store.UserDao.HostedRow;
import io.cutplan.store.UserDao.LinkedTeam;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns the host's username into a {@link Caller} with role and teams. A request does this with {@link #as}: the
 * lookup and the use case share one pooled connection (see {@link io.cutplan.store.Transactor#onOneConnection}).
 *
 * <p>A user the host's directory describes ({@link HostUser}, Confluence) is Cutplan's user without anyone creating
 * a row: the first call creates it (NORMAL in Cutplan), later calls bring name, e-mail, the host's role and the
 * memberships of group-linked teams up to date, writing only what differs from the row just read (a request whose
 * profile did not change writes nothing). The caller's role is the higher of the role set in Cutplan and the one
 * the host's groups give; a user deactivated in Cutplan stays read-only.
 */
public final class CallerService {
    private final Database database;

    public CallerService(Database database) {
        this.database = database;
    }

    /**
     * Runs one request's use case as its caller: resolves the username, then hands the caller to {@code useCase},
     * whose transactions reuse the connection the lookup used, so the request checks out one connection.
     */
    public <T> T as(Optional<String> username, Function<Caller, T> useCase) {
        return as(username, Optional.empty(), useCase);
    }

    /**
     * As {@link #as(Optional, Function)}, for a login the host checked against the credential of the given version
     * (see {@link io.cutplan.service.spi.CallerSource#credentialVersion}): unless that user is still active with that
     * credential, the request is 401 {@code login_expired}.
     */
    public <T> T as(Optional<String> username, Optional<Instant> credentialVersion, Function<Caller, T> useCase) {
        String name = requireUsername(username);
        return database.transactor().onOneConnection(() -> useCase.apply(credentialVersion.isPresent()
                ? loggedIn(name, credentialVersion.get()) : lookup(name)));
    }

    private Caller loggedIn(String name, Instant credentialVersion) {
        return database.transactor().readOnly(c -> UserDao.findCaller(c, name, credentialVersion)).orElseThrow(() ->
                new DomainException(ErrorKind.UNAUTHENTICATED, "login_expired",
                        "This login is no longer valid (the password was changed or the user deactivated); log in again"));
    }

    /**
     * Runs one request's use case as a user the host describes (see the class comment): created or brought up to date
     * first, then looked up, on one pooled connection.
     */
    public <T> T asHostUser(HostUser user, Function<Caller, T> useCase) {
        requireUsername(Optional.ofNullable(user.username()));
        return database.transactor().onOneConnection(() -> useCase.apply(hosted(user)));
    }

    /** The caller of a user the host describes, outside a request (tests, tools): created or updated as on a call. */
    public Caller resolve(HostUser user) {
        requireUsername(Optional.ofNullable(user.username()));
        return hosted(user);
    }

    private Caller hosted(HostUser user) {
        String name = user.username();
        String displayName = displayName(user);
        String email = email(user);
        Role hostRole = user.role() == null ? Role.NORMAL : user.role();
        record Seen(Optional<HostedRow> row, List<LinkedTeam> linked) {
        }
        Seen seen = database.transactor().readOnly(c -> new Seen(UserDao.findHosted(c, name), UserDao.linkedTeams(c)));
        Optional<HostedRow> row = seen.row();
        if (row.isPresent() && !row.get().active()) {
            return Caller.unknown(name);
        }
        Set<UUID> linkedIds = new HashSet<>();
        Set<UUID> inGroups = new HashSet<>();
        for (LinkedTeam t : seen.linked()) {
            linkedIds.add(t.id());
            if (user.inGroup(t.group())) {
                inGroups.add(t.id());
            }
        }
        Set<UUID> teams = new HashSet<>(row.map(HostedRow::teamIds).orElse(Set.of()));
        Set<UUID> linkedNow = new HashSet<>(teams);
        linkedNow.retainAll(linkedIds);
        boolean profileCurrent = row.isPresent() && Objects.equals(row.get().displayName(), displayName)
                && Objects.equals(row.get().email(), email) && row.get().hostRole() == hostRole;
        boolean teamsCurrent = linkedNow.equals(inGroups);
        UUID id = row.map(HostedRow::id).orElse(null);
        if (!profileCurrent || !teamsCurrent) {
            UUID known = id;
            id = database.transactor().inTransaction(c -> {
                UUID uid = known == null ? UserDao.insertHosted(c, Ids.newId(), name, displayName, email, hostRole) : known;
                if (known != null && !profileCurrent) {
                    UserDao.updateHosted(c, uid, displayName, email, hostRole);
                }
                if (!teamsCurrent || known == null) {
                    UserDao.setLinkedTeams(c, uid, inGroups);
                }
                return uid;
            });
        }
        teams.removeAll(linkedIds);
        teams.addAll(inGroups);
        Role cutplanRole = row.map(HostedRow::role).orElse(Role.NORMAL);
        return new Caller(id, name, displayName, higher(cutplanRole, hostRole), teams);
    }

    /** The higher of two roles: ADMIN over PILOT over NORMAL. */
    static Role higher(Role a, Role b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }

    /** The host's full name, on one line and within the column's 255 characters; the username when there is none. */
    static String displayName(HostUser user) {
        String full = user.fullName() == null ? "" : user.fullName().replaceAll("\\s+", " ").strip();
        String name = full.isEmpty() ? user.username() : full;
        return name.codePointCount(0, name.length()) > MAX_NAME ? name.substring(0, name.offsetByCodePoints(0, MAX_NAME)) : name;
    }

    /** The host's e-mail when it is one plain address (notifications go there); otherwise none. */
    static String email(HostUser user) {
        String e = user.email() == null ? null : user.email().strip();
        return EmailAddresses.isValid(e) ? e : null;
    }

    private static final int MAX_NAME = 255;

    /** The caller for a username, outside a request (tests, tools); no username at all is unauthenticated (401). */
    public Caller resolve(Optional<String> username) {
        return lookup(requireUsername(username));
    }

    private static String requireUsername(Optional<String> username) {
        return username.filter(u -> !u.isBlank()).orElseThrow(() ->
                new DomainException(ErrorKind.UNAUTHENTICATED, "authentication_required", "Log in to use Cutplan"));
    }

    private Caller lookup(String name) {
        return database.transactor().readOnly(c -> UserDao.findCaller(c, name)).orElseGet(() -> Caller.unknown(name));
    }
}
