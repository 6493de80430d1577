// Plausible names for demo data (invented; any resemblance is chance).
export const OLLA_NAMES = [
  "Virgen de Guadalupe", "Señor de los Milagros", "Santa Rosa de Lima", "Nueva Esperanza", "Mujeres Emprendedoras",
  "Manos Unidas", "Sagrado Corazón", "Las Lomas", "Cerro Verde", "Juntas Venceremos", "Corazón de Jesús",
  "Madre Teresa", "Villa Hermosa", "Los Girasoles", "Unión y Fuerza", "San Martín de Porres", "Bendición de Dios",
  "Las Palmeras", "Mi Perú", "Sol Naciente", "Amor y Paz", "Las Gardenias", "Rayito de Sol", "Flor de Retama",
  "Santa Ana", "Los Jazmines", "Virgen de Fátima", "El Buen Pastor", "Ollita Solidaria", "Mamá Chabuca",
  "Las Begonias", "Nuevo Amanecer", "La Unión", "Semillas de Esperanza", "Luz y Vida", "Lomo de Corvina",
  "Los Claveles", "Pan y Esperanza", "Las Orquídeas", "Fe y Alegría", "San Pedro", "Cristo Rey", "Brisas del Mar",
  "Olla de la Cuadra 8", "Huertos de Manchay", "Paraíso Alto", "Las Retamas", "Vencedoras", "Esperanza Andina",
  "Los Cedros", "Mujeres de Acero", "Cerro Candela", "El Mirador", "Las Casuarinas", "Santa Cruz",
] as const;

export const SETTLEMENTS = [
  "AA.HH. Las Flores", "AA.HH. 10 de Octubre", "AA.HH. Nueva Esperanza", "AA.HH. José Carlos Mariátegui",
  "AA.HH. Cerro El Sauce", "AA.HH. Virgen de Lourdes", "AA.HH. Túpac Amaru", "AA.HH. Los Ángeles",
  "AA.HH. Villa Solidaridad", "AA.HH. 15 de Enero", "AA.HH. Santa Rosa", "AA.HH. El Paraíso",
  "Asoc. Viv. Los Jardines", "P.J. San Juan", "AA.HH. Lomas de Zapallal", "AA.HH. Huaycán Zona Z",
] as const;

export const FIRST_NAMES = [
  "María", "Rosa", "Juana", "Carmen", "Luz", "Elena", "Teresa", "Gladys", "Norma", "Flor", "Yolanda", "Marleni",
  "Nelly", "Doris", "Sonia", "Maribel", "Haydée", "Lucía", "Vilma", "Julia", "Esther", "Nilda", "Celia", "Ruth",
] as const;

export const LAST_NAMES = [
  "Quispe", "Huamán", "Mamani", "Flores", "Rojas", "Sánchez", "Condori", "Chávez", "Ramos", "Vargas", "Torres",
  "Mendoza", "Cárdenas", "Ccahuana", "Paucar", "Huaranga", "Espinoza", "Ccori", "Yupanqui", "Cusi", "Poma",
] as const;

/** Districts where ollas concentrate, with their share of the demo ollas. */
export const DEMO_DISTRICTS: readonly (readonly [string, number])[] = [
  ["150132", 40], // San Juan de Lurigancho
  ["150143", 28], // Villa María del Triunfo
  ["150142", 24], // Villa El Salvador
  ["150133", 20], // San Juan de Miraflores
  ["150110", 22], // Comas
  ["150106", 18], // Carabayllo
  ["150125", 18], // Puente Piedra
  ["150103", 20], // Ate
  ["150112", 12], // Independencia
  ["150111", 10], // El Agustino
  ["150128", 8], // Rímac
  ["150119", 8], // Lurín
  ["150123", 14], // Pachacámac
  ["150118", 14], // Lurigancho-Chosica
  ["070101", 12], // Callao
  ["070106", 14], // Ventanilla
  ["150135", 8], // San Martín de Porres
  ["150117", 6], // Los Olivos
  ["150108", 4], // Chorrillos
];
