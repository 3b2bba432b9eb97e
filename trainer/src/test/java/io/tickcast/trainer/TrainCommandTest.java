package io.tickcast.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickcast.core.model.LoadedModel;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.trainer.config.TrainerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = TrainCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void optionsOverrideTheConfigFile() {
    int code = run("--config", "config/sp500.json", "--data", "x.csv", "--epochs", "3",
        "--column", "Close,Volume", "--window", "30", "--patience", "2", "--print-config");

    assertThat(code).isZero();
    TrainerConfig c = TrainerConfig.parse(out.toString());
    assertThat(c.training().epochs()).isEqualTo(3);
    assertThat(c.training().earlyStoppingPatience()).isEqualTo(2);
    assertThat(c.data().columns()).containsExactly("Close", "Volume");
    assertThat(c.data().target()).isEqualTo("Close");
    assertThat(c.data().windowLength()).isEqualTo(30);
    assertThat(c.data().horizon()).isEqualTo(50);
    assertThat(c.training().batchSize()).isEqualTo(128);
  }

  @Test
  void convergenceAndWalkForwardOptionsReachTheConfig() {
    assertThat(run("--data", "x.csv", "--max-epochs", "7", "--learning-rate", "0.01",
        "--lr-decay", "0.9", "--gradient-clip", "0.5", "--walk-forward-folds", "3",
        "--print-config")).isZero();
    TrainerConfig c = TrainerConfig.parse(out.toString());
    assertThat(c.training().epochs()).isEqualTo(7);
    assertThat(c.training().walkForwardFolds()).isEqualTo(3);
    assertThat(c.training().walkForwardTail()).isEqualTo(0.4);
    assertThat(c.model().optimizer().learningRate()).isEqualTo(0.01);
    assertThat(c.model().optimizer().learningRateDecay()).isEqualTo(0.9);
    assertThat(c.model().optimizer().gradientClip()).isEqualTo(0.5);
  }

  @Test
  void quickCapsEpochsAndRows() {
    assertThat(run("--data", "x.csv", "--epochs", "20", "--quick", "--print-config")).isZero();
    TrainerConfig c = TrainerConfig.parse(out.toString());
    assertThat(c.training().epochs()).isEqualTo(TrainCommand.QUICK_EPOCHS);
    assertThat(c.data().maxRows()).isEqualTo(TrainCommand.QUICK_ROWS);
  }

  @Test
  void anInvalidOptionValueExitsWith2AndNamesTheKey() {
    int code = run("--data", "x.csv", "--normalisation", "zscore");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("data.normalisation").contains("first-price");
  }

  @Test
  void aMissingDataFileExitsWith1AndNamesIt() {
    int code = run("--data", dir.resolve("nope.csv").toString(), "--output", dir.toString());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("nope.csv").contains("--data").doesNotContain("Exception");
  }

  @Test
  void aBadRowExitsWith1AndNamesFileLineAndValue() throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "price\n1\n2\nabc\n");
    int code = run("--data", csv.toString(), "--output", dir.toString());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("bad.csv").contains("line 4").contains("abc");
  }

  @Test
  void trainsOnTheSp500CloseColumn() {
    int code = run("--config", "config/sp500.json", "--data",
        TestData.file("sp500.csv").toString(), "--output", dir.toString(), "--max-rows", "300",
        "--horizon", "10", "--batch-size", "128", "--epochs", "2");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("persist.rmse").contains("artifact ");
    LoadedModel m = ModelArtifact.load(ModelArtifact.latest(dir).orElseThrow());
    assertThat(m.metadata().features()).containsExactly("Close");
    assertThat(m.metadata().normalisation()).isEqualTo("last-price");
    assertThat(m.metadata().trainingData().file()).isEqualTo("sp500.csv");
    assertThat(m.metadata().trainingData().rows()).isEqualTo(300);
  }

  @Test
  void trainsOnTheSineWaveWithoutNormalisation() {
    int code = run("--config", "config/sinewave.json", "--data",
        TestData.file("sinewave.csv").toString(), "--output", dir.toString(), "--max-rows",
        "300", "--horizon", "10", "--batch-size", "128", "--epochs", "1");

    assertThat(code).as(err.toString()).isZero();
    LoadedModel m = ModelArtifact.load(ModelArtifact.latest(dir).orElseThrow());
    assertThat(m.metadata().features()).containsExactly("sinewave");
    assertThat(m.metadata().normalisation()).isEqualTo("none");
    // with normalisation none both roll-forward variants are the same arithmetic: seed
    assertThat(m.metadata().rollForward()).isEqualTo("seed");
  }
}
