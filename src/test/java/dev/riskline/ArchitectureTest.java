package dev.riskline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The package import table of ARCHITECTURE.md, enforced on the compiled classes. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void load() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.riskline");
  }

  private static void onlyDependsOn(String pkg, String... allowed) {
    String[] all = new String[allowed.length + 3];
    all[0] = "java..";
    all[1] = "javax.sql..";
    all[2] = pkg;
    System.arraycopy(allowed, 0, all, 3, allowed.length);
    classes().that().resideInAPackage(pkg).should().onlyDependOnClassesThat().resideInAnyPackage(all)
        .allowEmptyShould(true).check(classes);
  }

  @Test
  void the_rules_below_see_every_package_of_the_project() {
    List<String> packages = classes.stream().map(c -> c.getPackageName()).distinct().sorted().toList();
    assertThat(packages).contains("dev.riskline", "dev.riskline.finding", "dev.riskline.read",
        "dev.riskline.rules", "dev.riskline.risk", "dev.riskline.schedule", "dev.riskline.store",
        "dev.riskline.bench", "dev.riskline.cli");
  }

  @Test
  void finding_depends_on_the_jdk_only() {
    onlyDependsOn("dev.riskline.finding..");
  }

  @Test
  void read_depends_on_finding_and_jackson_only() {
    onlyDependsOn("dev.riskline.read..", "dev.riskline.finding..", "com.fasterxml.jackson..");
  }

  @Test
  void rules_depends_on_finding_and_jackson_only() {
    onlyDependsOn("dev.riskline.rules..", "dev.riskline.finding..", "com.fasterxml.jackson..");
  }

  @Test
  void risk_depends_on_finding_jackson_event_ruler_and_cvss_only() {
    onlyDependsOn("dev.riskline.risk..", "dev.riskline.finding..", "com.fasterxml.jackson..",
        "software.amazon.event.ruler..", "us.springett.cvss..");
  }

  @Test
  void route_depends_on_domain_packages_and_its_libraries_only() {
    onlyDependsOn("dev.riskline.route..", "javax.net.ssl..", "dev.riskline.schedule..", "dev.riskline.risk..", "dev.riskline.rules..",
        "dev.riskline.finding..", "com.fasterxml.jackson..", "software.amazon.event.ruler..",
        "com.github.mustachejava..", "jakarta.mail..", "org.eclipse.angus..", "software.amazon.awssdk..",
        "javax.crypto.."); // HMAC signatures of webhook bodies
  }

  @Test
  void schedule_depends_on_risk_and_finding_only() {
    onlyDependsOn("dev.riskline.schedule..", "dev.riskline.risk..", "dev.riskline.finding..");
  }

  @Test
  void store_depends_on_domain_packages_and_its_libraries_only() {
    onlyDependsOn("dev.riskline.store..", "dev.riskline.finding..", "dev.riskline.schedule..",
        "dev.riskline.risk..", "dev.riskline.rules..", "dev.riskline.route..",
        "com.fasterxml.jackson..", "org.flywaydb..", "org.h2..", "org.postgresql..");
  }

  @Test
  void domain_packages_never_import_the_edges_or_the_root() {
    noClasses().that().resideInAnyPackage("dev.riskline.finding..", "dev.riskline.read..",
            "dev.riskline.rules..", "dev.riskline.risk..", "dev.riskline.schedule..", "dev.riskline.route..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.riskline.store..", "dev.riskline.aws..",
            "dev.riskline.server..", "dev.riskline.cli..", "dev.riskline.bench..")
        .orShould().dependOnClassesThat().resideInAPackage("dev.riskline")
        .check(classes);
  }

  @Test
  void nothing_imports_cli_or_server() {
    noClasses().that().resideOutsideOfPackages("dev.riskline.cli..", "dev.riskline.server..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.riskline.cli..", "dev.riskline.server..")
        .check(classes);
  }

  @Test
  void only_the_command_line_uses_the_benchmark_harness() {
    noClasses().that().resideOutsideOfPackages("dev.riskline.cli..", "dev.riskline.bench..")
        .should().dependOnClassesThat().resideInAPackage("dev.riskline.bench..")
        .check(classes);
  }

  @Test
  void packages_have_no_cycles() {
    slices().matching("dev.riskline.(*)..").should().beFreeOfCycles().check(classes);
  }
}
