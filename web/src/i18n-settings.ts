/** Texts of the settings additions (workspace editing, metric options, FX rates), merged in i18n.ts. */
export const settingsEn = {
  'ws.basis': 'Currency and time zone',
  'ws.saveBasis': 'Save currency and time zone',
  'ws.basisFixed':
    'This workspace holds data: every amount was converted to {currency} and every date counted in {timezone} when it was imported, so they cannot change. To report in another currency or time zone, create a new workspace and import your data into it.',
  'ws.basisOpen':
    'Choose them before importing: once the workspace holds data, amounts and dates are stored in them and they are fixed.',
  'ws.options': 'Metric options',
  'ws.optionsIntro':
    'Where finance teams and billing tools genuinely differ, Tenure lets you choose. Each option applies to all of your history.',
  'ws.discounts': 'Discounts in MRR',
  'ws.discountsDeduct': 'Deduct discounts (MRR = price − discount)',
  'ws.discountsIgnore': 'Ignore discounts (MRR = list price)',
  'ws.discountsHelp':
    'Deducting counts what customers actually pay, as ChartMogul and ProfitWell do; ignoring counts list prices, as Paddle does. Revenue (ARPU) always counts what was billed.',
  'ws.recomputes':
    'Changing this recomputes MRR and every MRR movement, churn and retention figure of your whole history, and rescores health.',
  'ws.margin': 'Gross margin for LTV',
  'ws.marginHelp':
    'LTV = ARPA × gross margin ÷ monthly customer churn. Use your gross margin to get profit per customer; 100% gives revenue per customer. Only LTV changes.',
  'ws.renewalMonths': 'Shortest contract counted as a renewal',
  'ws.renewalMonthsHelp':
    'Subscription periods of at least this many months are "up for renewal" when they end (12: annual contracts). Only renewal rates change.',
  'ws.grace': 'Renewal grace period',
  'ws.graceHelp':
    'A contract counts as renewed when the same subscription starts again within this many days after it ends. Only renewal rates change.',
  'ws.monthsValue': '{count} months',
  'ws.daysValue': '{count} days',
  'ws.confirmRecompute':
    'Switch MRR to "{to}"? MRR, its movements and every revenue metric of your whole history will be recomputed, and health rescored. You can switch back at any time.',
  'ws.saveOptions': 'Save metric options',
  'ws.saveAndRecompute': 'Save and recompute MRR',
  'ws.savedRecomputed': 'Saved. MRR and its movements were recomputed.',
  'fx.title': 'Currencies and FX rates',
  'fx.intro':
    'Amounts in other currencies are converted to {currency} at the latest rate on or before their date (a subscription line at the start of its service period). Adding or deleting a rate recomputes MRR.',
  'fx.oneIs': '1 {currency} = {rate} {reporting}',
  'fx.noData': 'No amounts and no rates yet.',
  'fx.currencies': 'Currencies in use',
  'fx.currency': 'Currency',
  'fx.amounts': 'Amounts',
  'fx.usedFrom': 'Dated',
  'fx.latestRate': 'Latest rate',
  'fx.coverage': 'Coverage',
  'fx.range': '{from} to {to}',
  'fx.reporting': 'Reporting currency (no conversion)',
  'fx.withoutRate': 'Amounts without any rate: {count}',
  'fx.monthsMissing': 'Months without a rate: {count}',
  'fx.covered': 'Every month has a rate',
  'fx.unused': 'No amounts in this currency',
  'fx.allCovered': 'Every month with amounts in another currency has a rate of its own.',
  'fx.missingTitle': 'Months without a rate',
  'fx.missingIntro':
    'These months hold amounts in the currency but no rate dated in the month, so they convert at an older rate. Add a rate for each month to convert its amounts exactly.',
  'fx.month': 'Month',
  'fx.convertsAt': 'Converted at',
  'fx.fallsBack': 'Rate of {date}',
  'fx.noRate': 'No rate on or before: cannot be converted',
  'fx.rates': 'FX rates',
  'fx.allCurrencies': 'All currencies',
  'fx.noRates': 'No rates yet.',
  'fx.rateTo': 'Rate to {currency}',
  'fx.inverse': 'Inverse',
  'fx.deleteNamed': 'Delete the {currency} rate of {date}',
  'fx.confirmDelete':
    'Delete the {currency} rate of {date}? Amounts it converted will convert at the rate before it, and MRR is recomputed.',
  'fx.deleteRefused': 'The rate was not deleted: {message}',
  'fx.add': 'Add a rate',
  'fx.inUse': 'In use',
  'fx.otherCurrencies': 'Other currencies',
  'fx.rateLabel': '{reporting} for 1 {currency}',
  'fx.rateHelp':
    'How many {reporting} one {currency} is worth on that date. A rate for an existing date replaces it.',
  'fx.preview': '{direct} (so {inverse})',
  'fx.save': 'Save rate',
  'fx.saved': 'Rate saved. MRR was recomputed.',
  'fx.unchanged': 'That rate was already stored: nothing changed.',
} as const;

export const settingsEs: Record<keyof typeof settingsEn, string> = {
  'ws.basis': 'Moneda y zona horaria',
  'ws.saveBasis': 'Guardar moneda y zona horaria',
  'ws.basisFixed':
    'Este espacio de trabajo ya tiene datos: cada importe se convirtió a {currency} y cada fecha se contó en {timezone} al importarlos, así que no pueden cambiar. Para reportar en otra moneda o zona horaria, cree un espacio de trabajo nuevo e importe sus datos en él.',
  'ws.basisOpen':
    'Elíjalas antes de importar: en cuanto el espacio de trabajo tiene datos, los importes y las fechas se guardan en ellas y quedan fijas.',
  'ws.options': 'Opciones de las métricas',
  'ws.optionsIntro':
    'Donde los equipos de finanzas y las herramientas de facturación de verdad difieren, Tenure le deja elegir. Cada opción se aplica a todo su historial.',
  'ws.discounts': 'Descuentos en el MRR',
  'ws.discountsDeduct': 'Restar los descuentos (MRR = precio − descuento)',
  'ws.discountsIgnore': 'Ignorar los descuentos (MRR = precio de lista)',
  'ws.discountsHelp':
    'Restarlos cuenta lo que los clientes pagan de verdad, como ChartMogul y ProfitWell; ignorarlos cuenta los precios de lista, como Paddle. Los ingresos (ARPU) siempre cuentan lo facturado.',
  'ws.recomputes':
    'Cambiarla recalcula el MRR y cada movimiento de MRR, cifra de bajas y de retención de todo su historial, y vuelve a puntuar la salud.',
  'ws.margin': 'Margen bruto para el LTV',
  'ws.marginHelp':
    'LTV = ARPA × margen bruto ÷ tasa mensual de bajas de clientes. Use su margen bruto para obtener el beneficio por cliente; 100 % da los ingresos por cliente. Solo cambia el LTV.',
  'ws.renewalMonths': 'Contrato más corto que cuenta como renovación',
  'ws.renewalMonthsHelp':
    'Los periodos de suscripción de al menos estos meses están «por renovar» cuando terminan (12: contratos anuales). Solo cambian las tasas de renovación.',
  'ws.grace': 'Periodo de gracia de la renovación',
  'ws.graceHelp':
    'Un contrato cuenta como renovado cuando la misma suscripción vuelve a empezar dentro de estos días tras su fin. Solo cambian las tasas de renovación.',
  'ws.monthsValue': '{count} meses',
  'ws.daysValue': '{count} días',
  'ws.confirmRecompute':
    '¿Cambiar el MRR a «{to}»? Se recalcularán el MRR, sus movimientos y cada métrica de ingresos de todo su historial, y se volverá a puntuar la salud. Puede volver a cambiarlo cuando quiera.',
  'ws.saveOptions': 'Guardar las opciones',
  'ws.saveAndRecompute': 'Guardar y recalcular el MRR',
  'ws.savedRecomputed': 'Guardado. Se recalcularon el MRR y sus movimientos.',
  'fx.title': 'Monedas y tipos de cambio',
  'fx.intro':
    'Los importes en otras monedas se convierten a {currency} con el último tipo de cambio en su fecha o anterior (una línea de suscripción, al inicio de su periodo de servicio). Añadir o eliminar un tipo de cambio recalcula el MRR.',
  'fx.oneIs': '1 {currency} = {rate} {reporting}',
  'fx.noData': 'Aún no hay importes ni tipos de cambio.',
  'fx.currencies': 'Monedas en uso',
  'fx.currency': 'Moneda',
  'fx.amounts': 'Importes',
  'fx.usedFrom': 'Fechas',
  'fx.latestRate': 'Último tipo de cambio',
  'fx.coverage': 'Cobertura',
  'fx.range': 'del {from} al {to}',
  'fx.reporting': 'Moneda de reporte (sin conversión)',
  'fx.withoutRate': 'Importes sin ningún tipo de cambio: {count}',
  'fx.monthsMissing': 'Meses sin tipo de cambio: {count}',
  'fx.covered': 'Cada mes tiene su tipo de cambio',
  'fx.unused': 'Ningún importe en esta moneda',
  'fx.allCovered': 'Cada mes con importes en otra moneda tiene su propio tipo de cambio.',
  'fx.missingTitle': 'Meses sin tipo de cambio',
  'fx.missingIntro':
    'Estos meses tienen importes en la moneda pero ningún tipo de cambio con fecha del mes, así que se convierten con uno más antiguo. Añada uno para cada mes para convertir sus importes con exactitud.',
  'fx.month': 'Mes',
  'fx.convertsAt': 'Convertido con',
  'fx.fallsBack': 'Tipo del {date}',
  'fx.noRate': 'Ningún tipo en esa fecha o antes: no se puede convertir',
  'fx.rates': 'Tipos de cambio',
  'fx.allCurrencies': 'Todas las monedas',
  'fx.noRates': 'Aún no hay tipos de cambio.',
  'fx.rateTo': 'Tipo a {currency}',
  'fx.inverse': 'Inverso',
  'fx.deleteNamed': 'Eliminar el tipo de {currency} del {date}',
  'fx.confirmDelete':
    '¿Eliminar el tipo de {currency} del {date}? Los importes que convertía se convertirán con el tipo anterior, y se recalcula el MRR.',
  'fx.deleteRefused': 'No se eliminó el tipo de cambio: {message}',
  'fx.add': 'Añadir un tipo de cambio',
  'fx.inUse': 'En uso',
  'fx.otherCurrencies': 'Otras monedas',
  'fx.rateLabel': '{reporting} por 1 {currency}',
  'fx.rateHelp':
    'Cuántos {reporting} vale un {currency} en esa fecha. Un tipo para una fecha que ya existe la reemplaza.',
  'fx.preview': '{direct} (es decir, {inverse})',
  'fx.save': 'Guardar el tipo',
  'fx.saved': 'Tipo de cambio guardado. Se recalculó el MRR.',
  'fx.unchanged': 'Ese tipo de cambio ya estaba guardado: nada cambió.',
};
