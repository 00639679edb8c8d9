package dev.veloera.command.user;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Objects;

/**
 * The last {@code limit} ids added, oldest dropped first: what a {@link UserAccount} remembers of ids it
 * no longer holds (expired reservations, closed leases, settled requests). Part of the aggregate's state,
 * so it serializes into snapshots.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
final class RecentIds {

    private int limit;
    private LinkedHashSet<String> ids = new LinkedHashSet<>();

    RecentIds() {
    }

    RecentIds(int limit) {
        this.limit = limit;
    }

    boolean contains(String id) {
        return id != null && ids.contains(id);
    }

    void add(String id) {
        if (id == null) {
            return;
        }
        ids.remove(id);
        ids.add(id);
        for (Iterator<String> oldest = ids.iterator(); ids.size() > limit; ) {
            oldest.next();
            oldest.remove();
        }
    }

    void remove(String id) {
        ids.remove(id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecentIds r && limit == r.limit && ids.equals(r.ids);
    }

    @Override
    public int hashCode() {
        return Objects.hash(limit, ids);
    }
}
