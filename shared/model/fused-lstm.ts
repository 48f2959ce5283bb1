// The model's recurrent layer: an LSTM as a tfjs layer with fewer, larger ops than
// tf.layers.lstm. The input projection of all time steps is one matmul (plus the bias) before
// the loop; each step then does one matmul, one split and the gate element-wise ops. Same weights
// and layout as tf.layers.lstm (kernel, recurrent_kernel, bias; gates i, f, c, o; sigmoid gates,
// tanh candidate), so it trains on every backend (WebGL included) and cell.ts reads its weights.
// Called by network.ts; registered for (de)serialization so bundles load it by class name.
import * as tf from '@tensorflow/tfjs';

export interface FusedLstmArgs {
  units: number;
  name?: string;
}

export class FusedLstm extends tf.layers.Layer {
  static className = 'SensorcastFusedLstm';
  readonly units: number;
  private kernel!: tf.LayerVariable;
  private recurrentKernel!: tf.LayerVariable;
  private bias!: tf.LayerVariable;

  constructor(args: FusedLstmArgs) {
    super({ name: args.name });
    this.units = args.units;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const features = shape[shape.length - 1] as number;
    const u4 = 4 * this.units;
    const zeros = tf.initializers.zeros();
    this.kernel = this.addWeight('kernel', [features, u4], 'float32', zeros);
    this.recurrentKernel = this.addWeight('recurrent_kernel', [this.units, u4], 'float32', zeros);
    this.bias = this.addWeight('bias', [u4], 'float32', zeros);
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [shape[0], this.units];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const [, steps, features] = x.shape;
      const u = this.units;
      const kernel = this.kernel.read();
      const recurrent = this.recurrentKernel.read();
      // One matmul for the input projection of every step, bias included, time-major, then one
      // split into steps. Why not tf.unstack: the wasm Unpack kernel (a slice per step) took
      // ~200 ms per batch of 64 x 48 steps and made this layer 2-4x slower than tf.layers.lstm.
      const timeMajor = tf.reshape(tf.transpose(x, [1, 0, 2]), [-1, features]);
      const projected = tf.reshape(tf.add(tf.matMul(timeMajor, kernel), this.bias.read()), [steps, -1, 4 * u]);
      const perStep = tf.split(projected, steps, 0).map((p) => tf.reshape(p, [-1, 4 * u]));
      let h: tf.Tensor | null = null;
      let c: tf.Tensor | null = null;
      for (let t = 0; t < steps; t++) {
        const z: tf.Tensor = h === null ? perStep[t] : tf.add(perStep[t], tf.matMul(h, recurrent));
        const [zi, zf, zc, zo] = tf.split(z, 4, 1);
        const learn = tf.mul(tf.sigmoid(zi), tf.tanh(zc));
        // From a zero state the forget gate has nothing to forget: c_0 = i * N.
        c = c === null ? learn : tf.add(tf.mul(tf.sigmoid(zf), c), learn);
        h = tf.mul(tf.sigmoid(zo), tf.tanh(c));
      }
      return h as tf.Tensor;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units };
  }
}

tf.serialization.registerClass(FusedLstm);
