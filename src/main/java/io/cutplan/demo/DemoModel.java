package io.cutplan.demo;

import io.cutplan.domain.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated canonical runbook held in memory, before it has any database ids. Everything refers to
 * everything else by list index, so the model (and so codes, titles and structure) depends on the seed only.
 * Steps are listed in plan order (phase, chapter, position), and every dependency points from a lower index
 * to a higher one, which is what keeps the graph free of cycles.
 */
public record DemoModel(
        DemoSize size,
        long seed,
        String planName,
        String migrationName,
        List<Team> teams,
        List<User> users,
        List<String> phases,
        List<Chapter> chapters,
        List<Step> steps,
        List<Task> tasks,
        List<Control> controls,
        List<Dependency> dependencies) {

    public record Team(String code, String name, String email) {
    }

    public record User(String username, String displayName, String email, Role role, List<Integer> teams) {
    }

    public record Chapter(int phase, int position, String code, String name, boolean gate) {
    }

    /** {@code ownerTeam} is null for the (deliberately messy) steps without an owner. */
    public record Step(int chapter, int position, String code, String type, String title, String description,
                       Integer ownerTeam, int minutes, boolean goNoGo, List<Integer> impactedTeams) {
    }

    public record Task(int step, int position, String title, String description, Integer team, Integer nominatedUser) {
    }

    public record Control(String code, String title, String description, boolean critical, List<Integer> tasks) {
    }

    public record Dependency(int predecessor, int successor) {
    }

    /** Predecessors of each step, by step index, in ascending order. */
    public List<List<Integer>> predecessors() {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            out.add(new ArrayList<>());
        }
        for (Dependency d : dependencies) {
            out.get(d.successor()).add(d.predecessor());
        }
        out.forEach(l -> l.sort(Integer::compare));
        return out;
    }

    public List<List<Integer>> successors() {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            out.add(new ArrayList<>());
        }
        for (Dependency d : dependencies) {
            out.get(d.predecessor()).add(d.successor());
        }
        out.forEach(l -> l.sort(Integer::compare));
        return out;
    }

    /** Tasks of each step, by step index, in position order. */
    public List<List<Integer>> tasksByStep() {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            out.add(new ArrayList<>());
        }
        for (int t = 0; t < tasks.size(); t++) {
            out.get(tasks.get(t).step()).add(t);
        }
        return out;
    }

    /** Members of each team, by team index, in user order. */
    public List<List<Integer>> membersByTeam() {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < teams.size(); i++) {
            out.add(new ArrayList<>());
        }
        for (int u = 0; u < users.size(); u++) {
            for (int t : users.get(u).teams()) {
                out.get(t).add(u);
            }
        }
        return out;
    }
}
