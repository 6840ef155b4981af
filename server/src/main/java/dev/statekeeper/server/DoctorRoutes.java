package dev.statekeeper.server;

import dev.statekeeper.doctor.DoctorReport;
import dev.statekeeper.doctor.DoctorRequest;
import dev.statekeeper.doctor.DoctorRuns;
import io.javalin.http.Context;

import java.util.List;

/**
 * {@code GET /api/v1/doctor?check=ID&check=ID&failOn=P1}: the doctor's report, the JSON of {@code statekeeper doctor
 * --json}. 200 whatever the findings (the report's {@code summary} counts them by severity; the header
 * {@code Statekeeper-Doctor-Verdict} is {@code fail} when one is at {@code failOn} (default P1) or worse, else {@code pass}), 503
 * with the same report when the store cannot be reached (verdict {@code unreachable}). Read-only: {@code --fix} is the CLI's alone. Runs go through
 * the server's {@link DoctorRuns}: never two at once, a request for the checks in flight gets that run's report.
 */
final class DoctorRoutes {
    static final String VERDICT = "Statekeeper-Doctor-Verdict";

    private DoctorRoutes() {
    }

    static void register(Api api, DoctorRuns runs) {
        api.get("/doctor").query("check", "failOn").repeatable("check")
                .summary("run the doctor's checks (as doctor --json)").answers(200, Object.class).to(ctx -> report(ctx, runs));
    }

    private static void report(Context ctx, DoctorRuns runs) {
        List<String> checks = ctx.queryParams("check");
        DoctorRequest request = DoctorRequest.parse(checks, ctx.queryParam("failOn"), "check", "failOn");
        DoctorReport report = runs.run(request.selection());
        ctx.header(VERDICT, !report.reachable() ? "unreachable" : request.failing(report).isEmpty() ? "pass" : "fail")
                .status(report.reachable() ? 200 : 503)
                .contentType("application/json")
                .result(report.toJson());
    }
}
