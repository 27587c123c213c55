package dev.harrier.core.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds which of many ASCII literals occur in a text in one pass (an Aho-Corasick automaton), so
 * that the literals required by thousands of rules are checked once per event rather than once per
 * rule. Built once, then read-only and thread-safe.
 */
final class LiteralScanner {
    private final List<String> literals;
    /** Per state: transition characters (sorted) and target states. */
    private final char[][] edgeChars;
    private final int[][] edgeTargets;
    private final int[] failure;
    /** Per state: literal ids ending here, including those reached through failure links. */
    private final int[][] outputs;
    /** The root's transitions for every ASCII character, after failure links (a DFA row). */
    private final int[] rootNext = new int[128];

    LiteralScanner(List<String> literals) {
        this.literals = List.copyOf(literals);
        List<Map<Character, Integer>> edges = new ArrayList<>();
        List<List<Integer>> ends = new ArrayList<>();
        edges.add(new HashMap<>());
        ends.add(new ArrayList<>());
        for (int id = 0; id < literals.size(); id++) {
            int state = 0;
            for (char c : literals.get(id).toCharArray()) {
                Integer next = edges.get(state).get(c);
                if (next == null) {
                    next = edges.size();
                    edges.get(state).put(c, next);
                    edges.add(new HashMap<>());
                    ends.add(new ArrayList<>());
                }
                state = next;
            }
            ends.get(state).add(id);
        }
        int states = edges.size();
        edgeChars = new char[states][];
        edgeTargets = new int[states][];
        for (int s = 0; s < states; s++) {
            Character[] keys = edges.get(s).keySet().toArray(new Character[0]);
            Arrays.sort(keys);
            edgeChars[s] = new char[keys.length];
            edgeTargets[s] = new int[keys.length];
            for (int i = 0; i < keys.length; i++) {
                edgeChars[s][i] = keys[i];
                edgeTargets[s][i] = edges.get(s).get(keys[i]);
            }
        }
        failure = new int[states];
        outputs = new int[states][];
        List<List<Integer>> collected = new ArrayList<>(ends);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int target : edgeTargets[0]) {
            failure[target] = 0;
            queue.add(target);
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            for (int i = 0; i < edgeChars[state].length; i++) {
                char c = edgeChars[state][i];
                int target = edgeTargets[state][i];
                int fallback = failure[state];
                while (fallback != 0 && next(fallback, c) < 0) {
                    fallback = failure[fallback];
                }
                int link = next(fallback, c);
                failure[target] = link >= 0 && link != target ? link : 0;
                List<Integer> merged = new ArrayList<>(collected.get(target));
                merged.addAll(collected.get(failure[target]));
                collected.set(target, merged);
                queue.add(target);
            }
        }
        for (int s = 0; s < states; s++) {
            outputs[s] = collected.get(s).stream().mapToInt(Integer::intValue).distinct().toArray();
        }
        for (char c = 0; c < 128; c++) {
            rootNext[c] = Math.max(0, next(0, c));
        }
    }

    int size() {
        return literals.size();
    }

    private int next(int state, char c) {
        char[] chars = edgeChars[state];
        int index = Arrays.binarySearch(chars, c);
        return index >= 0 ? edgeTargets[state][index] : -1;
    }

    /** Returns the ids of the literals that occur in {@code text}. */
    BitSet scan(String text) {
        BitSet found = new BitSet(literals.size());
        int state = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (state == 0) {
                state = c < 128 ? rootNext[c] : 0;
            } else {
                int next;
                while ((next = next(state, c)) < 0 && state != 0) {
                    state = failure[state];
                }
                state = next >= 0 ? next : (c < 128 ? rootNext[c] : 0);
            }
            int[] ids = outputs[state];
            for (int id : ids) {
                found.set(id);
            }
        }
        return found;
    }
}
