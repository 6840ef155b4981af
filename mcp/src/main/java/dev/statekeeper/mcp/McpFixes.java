package dev.statekeeper.mcp;

import dev.statekeeper.core.error.ErrorCode;

import java.util.EnumMap;
import java.util.Map;

/**
 * The fix of a tool error in an agent's terms: the MCP tools and arguments to call, where the code's own fix names
 * CLI commands. Codes whose fix names no command keep it.
 */
final class McpFixes {
    private static final Map<ErrorCode, String> FIXES = new EnumMap<>(ErrorCode.class);

    static {
        FIXES.put(ErrorCode.LOOP_NOT_FOUND, "call list_loops (with project=P to narrow it) to find the loop's id");
        FIXES.put(ErrorCode.SPEC_NOT_FOUND, "call list_specs with project=P, or resolve_spec with project=P and "
                + "partialName=PART");
        FIXES.put(ErrorCode.ROADMAP_NOT_FOUND, "store one with create_roadmap (project=P, roadmap={title: T})");
        FIXES.put(ErrorCode.PLAN_NOT_FOUND, "store one with store_project_plan (project=P, plan={...})");
        FIXES.put(ErrorCode.SESSION_NOT_FOUND, "call list_sessions to find its name, or start_session with name=N");
        FIXES.put(ErrorCode.OBJECTIVE_FEEDBACK_NOT_FOUND, "store it with store_current_objective_feedback "
                + "(loopId=ID, text=TEXT)");
        FIXES.put(ErrorCode.LINK_NOT_FOUND, "link it with link_loop_to_spec (loopId=ID, project=P, name=N)");
        FIXES.put(ErrorCode.LOOP_COMPLETED, "start the next round with initialize_refinement_loop; get_loop_status "
                + "with loopId=ID shows the completed one");
        FIXES.put(ErrorCode.NO_FEEDBACK, "add feedback with store_critic_feedback (loopId=ID, ...) first");
    }

    private McpFixes() {
    }

    /** What an agent should do about an error of {@code code}. */
    static String fix(ErrorCode code) {
        return FIXES.getOrDefault(code, code.fix());
    }
}
