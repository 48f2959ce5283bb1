// Product identity, shared by the window title, the CLI and the model bundle.
export const PRODUCT_NAME = 'sensorcast';
