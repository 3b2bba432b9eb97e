package io.tickcast.trainer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickcast.core.model.ModelMetadata.LayerSpec;
import io.tickcast.core.normalise.Normalisation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrainerConfigTest {
  private static final String TUTORIAL_LAYERS_JSON = """
      [ {"type": "lstm", "units": 50, "returnSequences": true},
        {"type": "dropout", "rate": 0.2},
        {"type": "lstm", "units": 100},
        {"type": "dropout", "rate": 0.2},
        {"type": "dense", "units": 1, "activation": "linear"} ]""";

  @Test
  void anEmptyObjectGivesTheTutorialsSettings() {
    TrainerConfig c = TrainerConfig.parse("{}");

    // The tutorial: build_model([1, 50, 100, 1]), Dropout(0.2) twice, mse, rmsprop (Keras
    // defaults lr 0.001, rho 0.9, epsilon 1e-7), 1 epoch, batch 512, seq_len 50, split 0.9,
    // validation_split 0.05, normalised windows, prediction_len 50.
    assertThat(c.model().layers()).containsExactly(
        new LayerSpec("lstm", 50, null, true, "tanh"),
        new LayerSpec("dropout", null, 0.2, null, null),
        new LayerSpec("lstm", 100, null, false, "tanh"),
        new LayerSpec("dropout", null, 0.2, null, null),
        new LayerSpec("dense", 1, null, null, "linear"));
    assertThat(c.model().loss()).isEqualTo("mse");
    assertThat(c.model().optimizer()).isEqualTo(new OptimizerConfig("rmsprop", 0.001, 0.9, 1e-7));
    assertThat(c.training().epochs()).isEqualTo(1);
    assertThat(c.training().batchSize()).isEqualTo(512);
    assertThat(c.training().earlyStoppingPatience()).isNull();
    assertThat(c.data().windowLength()).isEqualTo(50);
    assertThat(c.data().horizon()).isEqualTo(50);
    assertThat(c.data().trainTestSplit()).isEqualTo(0.9);
    assertThat(c.data().validationFraction()).isEqualTo(0.05);
    // built-in defaults are the tutorial's; trainer/config/sp500.json departs from them
    assertThat(c.normalisation()).isEqualTo(Normalisation.FIRST_PRICE);
    assertThat(c.data().columns()).isEmpty();
    assertThat(c.data().target()).isNull();
    assertThat(c.data().maxRows()).isNull();
  }

  @Test
  void writtenOutLayersEqualTheDefaults() {
    TrainerConfig c = TrainerConfig.parse("{\"model\": {\"layers\": " + TUTORIAL_LAYERS_JSON + "}}");
    assertThat(c).isEqualTo(TrainerConfig.defaults());
  }

  @Test
  void aPartialSectionKeepsTheOtherDefaults() {
    TrainerConfig c = TrainerConfig.parse("""
        {"training": {"epochs": 7, "earlyStoppingPatience": 2},
         "data": {"columns": ["Close", "Volume"], "normalisation": "none"},
         "model": {"optimizer": {"type": "adam", "learningRate": 0.01}}}""");
    assertThat(c.training().epochs()).isEqualTo(7);
    assertThat(c.training().earlyStoppingPatience()).isEqualTo(2);
    assertThat(c.training().batchSize()).isEqualTo(512);
    assertThat(c.data().columns()).containsExactly("Close", "Volume");
    assertThat(c.data().target()).isEqualTo("Close");
    assertThat(c.normalisation()).isEqualTo(Normalisation.NONE);
    assertThat(c.data().windowLength()).isEqualTo(50);
    assertThat(c.model().optimizer()).isEqualTo(new OptimizerConfig("adam", 0.01, null, 1e-7));
    assertThat(c.model().layers()).isEqualTo(ModelConfig.TUTORIAL_LAYERS);
  }

  @Test
  void aTargetAloneIsTheOnlyColumn() {
    TrainerConfig c = TrainerConfig.parse("{\"data\": {\"target\": \"Close\"}}");
    assertThat(c.data().columns()).containsExactly("Close");
  }

  @Test
  void theShippedConfigsParse() {
    TrainerConfig sp500 = TrainerConfig.load(Path.of("config/sp500.json"));
    assertThat(sp500.data().columns()).containsExactly("Close");
    assertThat(sp500.data().target()).isEqualTo("Close");
    assertThat(sp500.normalisation()).isEqualTo(Normalisation.LAST_PRICE);
    assertThat(sp500.training().earlyStoppingPatience()).isNotNull();
    assertThat(sp500.model().optimizer().gradientClip()).isNotNull();
    assertThat(sp500.ensemble().model()).isFalse();
    assertThat(TrainerConfig.load(Path.of("config/sp500-lstm-ensemble.json")).ensemble().model())
        .isTrue();
    assertThat(TrainerConfig.load(Path.of("config/sp500-network.json")).ensemble()).isNull();

    // the tutorial's recipe stays available, value for value
    TrainerConfig tutorial = TrainerConfig.load(Path.of("config/tutorial.json"));
    assertThat(tutorial.data().columns()).containsExactly("Close");
    assertThat(tutorial.normalisation()).isEqualTo(Normalisation.FIRST_PRICE);
    assertThat(tutorial.data().windowLength()).isEqualTo(50);
    assertThat(tutorial.training().epochs()).isEqualTo(1);
    assertThat(tutorial.training().batchSize()).isEqualTo(512);
    assertThat(tutorial.model()).isEqualTo(ModelConfig.defaults());

    TrainerConfig sine = TrainerConfig.load(Path.of("config/sinewave.json"));
    assertThat(sine.data().columns()).containsExactly("sinewave");
    assertThat(sine.normalisation()).isEqualTo(Normalisation.NONE);
    assertThat(sine.model().layers()).isEqualTo(ModelConfig.TUTORIAL_LAYERS);
    assertThat(sine.model().optimizer().learningRateDecay()).isEqualTo(0.5);

    TrainerConfig tutorialSine = TrainerConfig.load(Path.of("config/tutorial-sinewave.json"));
    assertThat(tutorialSine.normalisation()).isEqualTo(Normalisation.NONE);
    assertThat(tutorialSine.training().epochs()).isEqualTo(1);
    assertThat(tutorialSine.model()).isEqualTo(ModelConfig.defaults());
  }

  @Test
  void toJsonReadsBackEqual() {
    TrainerConfig c = TrainerConfig.parse("""
        {"data": {"columns": ["Close", "Volume"], "target": "Volume", "maxRows": 900},
         "training": {"seed": 3}}""");
    assertThat(TrainerConfig.parse(c.toJson())).isEqualTo(c);
  }

  @Test
  void anUnknownKeyIsNamed() {
    assertThatThrownBy(() -> TrainerConfig.parse("{\"data\": {\"windowLenght\": 50}}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("data.windowLenght")
        .hasMessageContaining("unknown key")
        .hasMessageContaining("windowLength")
        .extracting(e -> ((ConfigException) e).key()).isEqualTo("data.windowLenght");
  }

  @Test
  void anUnknownLayerKeyIsNamedWithItsIndex() {
    String json = "{\"model\": {\"layers\": [{\"type\": \"lstm\", \"neurons\": 50}]}}";
    assertThatThrownBy(() -> TrainerConfig.parse(json))
        .isInstanceOf(ConfigException.class)
        .extracting(e -> ((ConfigException) e).key()).isEqualTo("model.layers[0].neurons");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"training\": {\"epochs\": \"ten\"}}             | training.epochs",
      "{\"training\": {\"epochs\": \"10\"}}              | training.epochs",
      "{\"training\": {\"epochs\": 1.5}}                 | training.epochs",
      "{\"data\": {\"trainTestSplit\": \"0.9\"}}         | data.trainTestSplit",
      "{\"data\": {\"columns\": \"Close\"}}              | data.columns",
      "{\"data\": {\"normalisation\": 5}}                | data.normalisation",
      "{\"model\": {\"layers\": [{\"type\": \"lstm\", \"units\": 5, \"returnSequences\": \"yes\"}]}}"
          + " | model.layers[0].returnSequences",
  })
  void aValueOfTheWrongTypeIsNamed(String json, String key) {
    assertThatThrownBy(() -> TrainerConfig.parse(json))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(key)
        .extracting(e -> ((ConfigException) e).key()).isEqualTo(key);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"data\": {\"trainTestSplit\": 1.0}}                      | data.trainTestSplit | between 0 and 1",
      "{\"data\": {\"trainTestSplit\": 0}}                        | data.trainTestSplit | between 0 and 1",
      "{\"data\": {\"validationFraction\": -0.1}}                 | data.validationFraction | >= 0",
      "{\"data\": {\"windowLength\": 1}}                          | data.windowLength | >= 2",
      "{\"data\": {\"horizon\": 0}}                               | data.horizon | >= 1",
      "{\"data\": {\"normalisation\": \"zscore\"}}                | data.normalisation | none, first-price",
      "{\"data\": {\"columns\": [\"Close\"], \"target\": \"Open\"}} | data.target | not among",
      "{\"data\": {\"columns\": [\"Close\", \"Close\"]}}          | data.columns[1] | twice",
      "{\"data\": {\"maxRows\": 51}}                              | data.maxRows | windowLength + 2",
      "{\"training\": {\"epochs\": 0}}                            | training.epochs | >= 1",
      "{\"training\": {\"batchSize\": 0}}                         | training.batchSize | >= 1",
      "{\"training\": {\"earlyStoppingPatience\": 0}}             | training.earlyStoppingPatience | >= 1",
      "{\"training\": {\"earlyStoppingPatience\": 3}, \"data\": {\"validationFraction\": 0}}"
          + " | training.earlyStoppingPatience | validationFraction",
      "{\"model\": {\"loss\": \"hinge\"}}                         | model.loss | mae, mse",
      "{\"model\": {\"optimizer\": {\"type\": \"adagrad\"}}}      | model.optimizer.type | adam, rmsprop, sgd",
      "{\"model\": {\"optimizer\": {\"learningRate\": -1}}}       | model.optimizer.learningRate | positive",
      "{\"model\": {\"optimizer\": {\"rho\": 1.0}}}               | model.optimizer.rho | between 0 and 1",
      "{\"model\": {\"optimizer\": {\"learningRateDecay\": 1.5}}} | model.optimizer.learningRateDecay | <= 1",
      "{\"model\": {\"optimizer\": {\"gradientClip\": 0}}}     | model.optimizer.gradientClip | positive",
      "{\"training\": {\"walkForwardFolds\": 0}}                 | training.walkForwardFolds | >= 1",
      "{\"training\": {\"walkForwardTail\": 1.0}}                | training.walkForwardTail | between 0 and 1",
      "{\"model\": {\"optimizer\": {\"type\": \"adam\", \"rho\": 0.9}}} | model.optimizer.rho | only by rmsprop",
      "{\"model\": {\"layers\": []}}                              | model.layers | at least one",
      "{\"intervals\": {\"levels\": [0.8, 1.0]}}                | intervals.levels[1] | between 0 and 1",
      "{\"intervals\": {\"levels\": [0.8, 0.8]}}                | intervals.levels[1] | twice",
      "{\"data\": {\"validationFraction\": 0}}                   | intervals.levels | validationFraction",
  })
  void anInvalidValueIsNamedWithTheReason(String json, String key, String reason) {
    assertThatThrownBy(() -> TrainerConfig.parse(json))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(key + ": ")
        .hasMessageContaining(reason)
        .extracting(e -> ((ConfigException) e).key()).isEqualTo(key);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // dropout rate is the fraction dropped: 1 would drop everything
      "{'type':'lstm','units':5,'returnSequences':false},{'type':'dropout','rate':1.0},{'type':'dense','units':1}"
          + " | model.layers[1].rate",
      "{'type':'lstm','units':5,'returnSequences':false},{'type':'dropout'},{'type':'dense','units':1}"
          + " | model.layers[1].rate",
      "{'type':'lstm','units':0},{'type':'dense','units':1} | model.layers[0].units",
      "{'type':'gru','units':5},{'type':'dense','units':1} | model.layers[0].type",
      "{'units':5},{'type':'dense','units':1} | model.layers[0].type",
      "{'type':'lstm','units':5,'rate':0.1},{'type':'dense','units':1} | model.layers[0].rate",
      "{'type':'lstm','units':5,'activation':'softmax'},{'type':'dense','units':1} | model.layers[0].activation",
      // a dense layer after a sequence-returning LSTM would give one output per time step
      "{'type':'lstm','units':5,'returnSequences':true},{'type':'dense','units':1} | model.layers[1]",
      // an LSTM after a last-step LSTM has no sequence to read
      "{'type':'lstm','units':5},{'type':'lstm','units':5},{'type':'dense','units':1} | model.layers[1]",
      "{'type':'lstm','units':5} | model.layers[0]",
      "{'type':'lstm','units':5},{'type':'dense','units':2} | model.layers[1]",
  })
  void anInvalidLayerStackIsNamed(String layers, String key) {
    String json = "{\"model\": {\"layers\": [" + layers.replace('\'', '"') + "]}}";
    assertThatThrownBy(() -> TrainerConfig.parse(json))
        .isInstanceOf(ConfigException.class)
        .extracting(e -> ((ConfigException) e).key()).isEqualTo(key);
  }

  @Test
  void brokenJsonNamesTheLine() {
    assertThatThrownBy(() -> TrainerConfig.parse("{\n  \"data\": {\n    \"horizon\": 5,\n  }\n}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not valid JSON")
        .hasMessageContaining("line 4");
  }

  @Test
  void aConfigFileErrorNamesTheFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"training\": {\"epochs\": -1}}");
    assertThatThrownBy(() -> TrainerConfig.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("training.epochs");
    assertThatThrownBy(() -> TrainerConfig.load(dir.resolve("missing.json")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("missing.json")
        .hasMessageContaining("does not exist");
  }

  @Test
  void withColumnsKeepsATargetAmongThemAndOtherwiseTakesTheFirst() {
    DataConfig d = TrainerConfig.parse("{\"data\": {\"columns\": [\"Close\", \"Volume\"], "
        + "\"target\": \"Volume\"}}").data();
    assertThat(d.withColumns(List.of("Open", "Volume")).target()).isEqualTo("Volume");
    assertThat(d.withColumns(List.of("Open", "High")).target()).isEqualTo("Open");
  }

  @Test
  void anEnsembleSectionIsOptionalAndCheckedWhenGiven() {
    TrainerConfig plain = TrainerConfig.parse("{}");
    assertThat(plain.ensemble()).isNull();
    assertThat(plain.toJson()).doesNotContain("ensemble");
    TrainerConfig e = TrainerConfig.parse("{\"ensemble\": {}}");
    assertThat(e.ensemble().baselines()).containsExactly("drift", "ar");
    assertThat(e.ensemble().weights()).isEqualTo(EnsembleConfig.SHARED);
    assertThat(TrainerConfig.parse(e.toJson()).ensemble()).isEqualTo(e.ensemble());
    assertThatThrownBy(() -> TrainerConfig.parse("{\"ensemble\": {\"baselines\": [\"holt\"]}}"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ensemble.baselines[0]");
    assertThatThrownBy(() -> TrainerConfig.parse("{\"ensemble\": {\"weights\": \"mean\"}}"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ensemble.weights");
    assertThatThrownBy(() -> TrainerConfig.parse(
        "{\"data\": {\"windowLength\": 5}, \"ensemble\": {}}"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("windowLength must be >= 11");
  }
}
